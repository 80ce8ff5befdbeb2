import ArgumentParser
import Foundation
import StalemateAnalysis
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
        let loaded: Scenario
        do { loaded = try loadScenario(scenario) } catch { throw fail(error) }
        // Read before the long simulation, so a wrong path fails at once.
        var notesText: String? = nil
        if let notes {
            do { notesText = try String(contentsOfFile: notes, encoding: .utf8) } catch {
                throw fail(Message("cannot read the notes \(notes): \(error.localizedDescription)"))
            }
        }
        // The arms switch off --incursion-event and raise --mediator's decoupling: say so in
        // those options' words, not in the words of the variants built from them.
        let events = loaded.model.events.map(\.id) + loaded.policyEvents.map(\.id)
        guard events.contains(incursionEvent) else {
            throw fail(
                Message(
                    "--incursion-event \(incursionEvent): \(loaded.id) has no such event; events: \(events.isEmpty ? "none" : events.joined(separator: ", "))"
                ))
        }
        let parties = loaded.model.thirdParties.map(\.id)
        guard parties.contains(mediator) else {
            throw fail(
                Message(
                    "--mediator \(mediator): \(loaded.id) has no such third party; third parties: \(parties.isEmpty ? "none" : parties.joined(separator: ", "))"
                ))
        }
        let analysis = ClaimsAnalysis(
            scenario: loaded, runs: runs, seed: seed ?? loaded.run.seed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, incursionEvent: incursionEvent,
            mediator: mediator, decoupling: decoupling)
        let result: (Comparison, Experiment.Outcome)
        // One bar per stage: the arms, the backtest, the uncertainty draws, the Morris points.
        func withBar<T>(
            _ total: Int, per unit: Int = 1, _ body: ((@Sendable (Int) -> Void)?) throws -> T
        ) rethrows -> T {
            let bar = ProgressBar(total: total)
            defer { bar?.finish() }
            return try body(ProgressBar.callback(bar, per: unit))
        }
        do { result = try withBar(runs) { try analysis.execute(progress: $0) } } catch { throw fail(error) }
        var command = "stalemate analyze \(scenario) --runs \(runs)"
        if let seed { command += " --seed \(seed)" }
        if let output { command += " -o \(output)" }
        if let notes { command += " --notes \(notes)" }
        command += observation.commandLine
        var text = ClaimsReport.markdown(
            analysis: analysis, comparison: result.0, outcome: result.1, command: command,
            version: StalemateVersion.current, notes: notesText)
        if observation.observed != nil || !loaded.observations.isEmpty {
            var options = try EnsembleOptions.parse(["--runs", "\(runs)"])
            options.seed = seed
            options.threads = threads
            let job: BacktestJob
            do {
                job = try BacktestCommand.job(
                    base: loaded, ensemble: options, observation: observation, trendFrom: nil)
            } catch {
                throw fail(error)
            }
            let backtest = "stalemate backtest \(scenario)\(observation.commandLine) --runs \(runs)"
            let backtestResult = withBar(job.run.runs) { job.execute(progress: $0).result }
            text += "\n" + BacktestFormatter.markdown(backtestResult, command: backtest)
        }
        if uncertaintyPoints > 0 && !loaded.assumptions.isEmpty {
            let parameters = loaded.assumptions.map(\.parameter)
            let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
            do {
                let draws = try UncertaintyJob(
                    scenario: loaded, parameters: parameters, points: uncertaintyPoints, runs: uncertaintyRuns,
                    seed: seed, threads: workers)
                let runsPerDraw = uncertaintyRuns
                // The job runs the scenario's own numbers first, then the draws.
                let uncertainty = withBar((uncertaintyPoints + 1) * runsPerDraw, per: runsPerDraw) {
                    draws.execute(progress: $0)
                }
                let screening = try SensitivityJob(
                    scenario: loaded, parameters: parameters, method: .morris, metric: "settledBy104",
                    size: morrisTrajectories, runs: uncertaintyRuns, seed: seed, threads: workers)
                let morris = try withBar(screening.points.count * runsPerDraw, per: runsPerDraw) {
                    try screening.execute(progress: $0)
                }
                var options = " --uncertainty-points \(uncertaintyPoints) --uncertainty-runs \(uncertaintyRuns)"
                options += " --morris-trajectories \(morrisTrajectories)"
                text +=
                    "\n"
                    + UncertaintyReport.markdown(uncertainty: uncertainty, morris: morris, command: command + options)
            } catch {
                throw fail(error)
            }
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw fail(Message("cannot write \(output): \(error.localizedDescription)"))
            }
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}
