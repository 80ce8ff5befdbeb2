import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateJobs
import StalemateScenario

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Simulate an ensemble of runs of a scenario and summarise how the wars end.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario (see `stalemate scenarios`).")
    var scenario: String = "kursk-2024"

    @OptionGroup var ensemble: EnsembleOptions

    @OptionGroup var out: OutputOptions

    @Option(help: "Write the weekly state of the first runs to this CSV file.")
    var trajectories: String?

    @Option(help: "How many runs --trajectories records.")
    var trajectoryRuns: Int = 10

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        if trajectoryRuns < 1 { throw ValidationError("--trajectory-runs must be at least 1 (got \(trajectoryRuns))") }
    }

    /// The job these arguments describe (also what `stalemate plan run …` cuts into tasks).
    func spec() throws -> JobSpec { .run(try RunSpec(scenario: scenario, ensemble)) }

    func run() throws {
        let runSpec: RunSpec
        runSpec = try RunSpec(scenario: scenario, ensemble)
        let spec = JobSpec.run(runSpec)
        let execution = JobExecution(
            threads: ensemble.threads, storage: storage,
            interruptedMessage: JobExecution.resumableMessage)
        let (result, store) = try execution.run(spec)
        guard case .run(let summary, _) = result else { throw internalMismatch(spec) }
        try out.emit(try Self.text(summary, format: out.format))
        if let trajectories {
            let job: RunJob
            job = try runSpec.resolve()
            let text = TrajectoryRecorder.csv(model: job.compiled, seed: job.seed, runs: min(trajectoryRuns, job.runs))
            do {
                try text.write(toFile: trajectories, atomically: true, encoding: .utf8)
            } catch {
                throw Message("cannot write trajectories to \(trajectories): \(error.localizedDescription)")
            }
        }
        try JobExecution.finish(store)
    }

    static func text(_ summary: EnsembleSummary, format: OutputFormat) throws -> String {
        switch format {
        case .table: SummaryFormatter.table(summary)
        case .json: try SummaryFormatter.json(summary)
        case .csv: SummaryFormatter.csv(summary)
        }
    }
}

/// A runner that returned another kind of result than its job's: a bug of ours.
func internalMismatch(_ spec: JobSpec) -> Error {
    Message("internal error: the \(spec.kind) job returned another kind of result (a bug; please report it)")
}

extension RunSpec {
    /// The job of `run` from its arguments.
    init(scenario reference: String, _ options: EnsembleOptions) throws {
        let base = try ScenarioInput.loadReference(reference)
        self.init(scenario: ScenarioInput(base), ensemble: try options.settings(for: base))
    }
}

/// A plain error message for the user.
struct Message: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
