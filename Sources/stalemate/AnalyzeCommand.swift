import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateJobs
import StalemateScenario

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure the source's claims on a scenario and write them as Markdown (docs/analyses/).")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(name: [.short, .long], help: "The Markdown file to write (default: print to stdout).")
    var output: String?

    @Option(help: "Runs per arm.")
    var runs: Int = 20_000

    @Option(help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @Option(help: "The incursion event switched off in the no-incursion arm.")
    var incursionEvent: String = "kursk-incursion"

    @Option(help: "The third party whose decoupling the decoupling arms raise.")
    var mediator: String = "mediators"

    @Option(help: "The decoupling level of the decoupling arms, in 0...1.")
    var decoupling: Double = 0.8

    @Option(help: "A Markdown file of notes written by hand, placed after the introduction (e.g. what changed).")
    var notes: String?

    @Option(help: "Draws of the scenario's assumptions for the parameter-uncertainty section (0: skip it).")
    var uncertaintyPoints: Int = 64

    @Option(help: "Runs per draw and per Morris point in the parameter-uncertainty section.")
    var uncertaintyRuns: Int = 1000

    @Option(help: "Morris trajectories in the parameter-uncertainty section.")
    var morrisTrajectories: Int = 10

    /// A backtest is added against this series (by default the scenario's declared one, if any).
    @OptionGroup var observation: ObservationOptions

    func validate() throws {
        try workers.validate()
        if runs < 2 { throw ValidationError("--runs must be at least 2 (got \(runs))") }
        if !(0...1).contains(decoupling) { throw ValidationError("--decoupling must be in 0...1 (got \(decoupling))") }
        if uncertaintyPoints != 0 && uncertaintyPoints < 2 {
            throw ValidationError("--uncertainty-points must be 0 (skip) or at least 2 (got \(uncertaintyPoints))")
        }
        if uncertaintyRuns < 2 {
            throw ValidationError("--uncertainty-runs must be at least 2 (got \(uncertaintyRuns))")
        }
        if morrisTrajectories < 2 {
            throw ValidationError("--morris-trajectories must be at least 2 (got \(morrisTrajectories))")
        }
    }

    func run() throws {
        // Read before the long simulation, so a wrong path fails at once.
        var notesText: String? = nil
        if let notes {
            do { notesText = try String(contentsOfFile: notes, encoding: .utf8) } catch {
                throw Message("cannot read the notes \(notes): \(error.localizedDescription)")
            }
        }
        let spec: JobSpec
        let loaded = try ScenarioInput.loadReference(scenario)
        let resolvedSeed = seed ?? loaded.run.seed
        var backtest: BacktestSpec? = nil
        if observation.observed != nil || !loaded.observations.isEmpty {
            backtest = try BacktestSpec(
                scenario: loaded, ensemble: EnsembleSettings(runs: runs, seed: resolvedSeed),
                observed: observation.observed, observable: observation.observable, column: observation.column,
                scale: observation.scale, trendFrom: nil)
        }
        spec = .analyze(
            AnalyzeSpec(
                scenario: ScenarioInput(loaded), runs: runs, seed: resolvedSeed, incursionEvent: incursionEvent,
                mediator: mediator, decoupling: decoupling, uncertaintyPoints: uncertaintyPoints,
                uncertaintyRuns: uncertaintyRuns, morrisTrajectories: morrisTrajectories, backtest: backtest))
        let (result, _) = try JobExecution(threads: threads).run(spec)
        guard case .analyze(let a) = result else { throw internalMismatch(spec) }
        var command = "stalemate analyze \(scenario) --runs \(runs)"
        if let seed { command += " --seed \(seed)" }
        if let output { command += " -o \(output)" }
        if let notes { command += " --notes \(notes)" }
        command += observation.commandLine
        var text = ClaimsReport.markdown(
            analysis: a.analysis, comparison: a.comparison, outcome: a.outcome, command: command,
            version: StalemateVersion.current, notes: notesText)
        if let backtest = a.backtest {
            let line = "stalemate backtest \(scenario)\(observation.commandLine) --runs \(runs)"
            text += "\n" + BacktestFormatter.markdown(backtest, command: line)
        }
        if let uncertainty = a.uncertainty, let morris = a.morris {
            var options = " --uncertainty-points \(uncertaintyPoints) --uncertainty-runs \(uncertaintyRuns)"
            options += " --morris-trajectories \(morrisTrajectories)"
            text +=
                "\n" + UncertaintyReport.markdown(uncertainty: uncertainty, morris: morris, command: command + options)
        }
        if let output {
            try writeText(text, to: output)
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}
