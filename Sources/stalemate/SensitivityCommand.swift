import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario

extension SensitivityJob.Method: ExpressibleByArgument {}

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Morris elementary effects or Sobol indices of an output metric over scenario parameters.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(
        name: .customLong("param"),
        help: "A parameter, key=lo:hi or key=lo:hi:log (repeatable). Default: the scenario's assumptions: section.")
    var parameters: [String] = []

    @Option(help: "morris or sobol.")
    var method: SensitivityJob.Method = .morris

    @Option(help: "The output metric (a key of docs/experiments.md's per-run metrics), e.g. settledBy104, duration.")
    var metric: String = "settledBy104"

    @Option(help: "Morris trajectories, or Sobol base samples N (cost: r(k+1) or N(k+2) ensembles).")
    var size: Int?

    @Option(help: "Runs per point (default: 1000).")
    var runs: Int = 1000

    @Option(help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] { setting.overrides }

    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        try validateParameters(parameters)
    }

    /// The job these arguments describe (also what `stalemate plan sensitivity …` cuts into tasks).
    func spec() throws -> JobSpec {
        let base = try ScenarioInput.loadReference(scenario)
        var parameters = parameters
        if parameters.isEmpty {
            parameters = base.assumptions.map(\.parameter)
            if parameters.isEmpty {
                throw Message(
                    "\(scenario) declares no assumptions: give the parameters to vary with --param key=lo:hi[:log]"
                )
            }
        }
        return .sensitivity(
            SensitivitySpec(
                scenario: ScenarioInput(base),
                ensemble: try EnsembleSettings.resolve(base, overrides: overrides, runs: runs, seed: seed),
                parameters: parameters, method: method, metric: metric, size: size ?? (method == .morris ? 10 : 64))
        )
    }

    func run() throws {
        let spec = try spec()
        let (result, store) = try JobExecution(threads: threads, storage: storage).run(spec)
        guard case .sensitivity(let r) = result else { throw internalMismatch(spec) }
        switch out.format {
        case .json: try out.emit(try result.json())
        case .csv: try out.emit(r.csv())
        case .table: try out.emit(r.table())
        }
        try JobExecution.finish(store)
    }
}
