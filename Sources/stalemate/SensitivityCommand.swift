import ArgumentParser
import Foundation
import StalemateAnalysis
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

    @Option(help: "Output format: table, json or csv (one row per parameter and measure).")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        try validateParameters(parameters)
    }

    func run() throws {
        let job: SensitivityJob
        let base: Scenario
        let size = size ?? (method == .morris ? 10 : 64)
        var parameters = parameters
        do {
            base = try loadScenario(scenario)
            if parameters.isEmpty {
                parameters = base.assumptions.map(\.parameter)
                if parameters.isEmpty {
                    throw Message(
                        "\(scenario) declares no assumptions: give the parameters to vary with --param key=lo:hi[:log]"
                    )
                }
            }
            job = try SensitivityJob(
                scenario: base, overrides: overrides, parameters: parameters, method: method,
                metric: metric, size: size, runs: runs, seed: seed,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            throw fail(error)
        }
        struct Options: Encodable {
            var parameters: [String]
            var method: String
            var metric: String
            var size: Int
        }
        let recorder = try StoreRecorder.begin(
            storage, kind: .sensitivity, job: job.base, base: base,
            options: Options(parameters: parameters, method: method.rawValue, metric: metric, size: size))
        var storeError: String? = nil
        let interrupt = onInterrupt { resumeHint(recorder, resumable: false) }
        defer { interrupt.cancel() }
        let bar = ProgressBar(total: job.points.count * job.base.runs)
        do {
            let result = try job.execute(progress: ProgressBar.callback(bar, per: job.base.runs))
            bar?.finish()
            if let recorder {
                let rows =
                    resultRows("morris", result.morris ?? []) { $0.name }
                    + resultRows("sobol", result.sobol ?? []) { $0.name }
                storeError = recorder.complete(summaryJSON: try jsonText(result) + "\n", results: rows)
            }
            switch format {
            case .json: print(try StableJSON.text(result))
            case .csv: print(result.csv(), terminator: "")
            case .table: print(result.table(), terminator: "")
            }
        } catch {
            throw recorder?.failed(error) ?? fail(error)
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }
}
