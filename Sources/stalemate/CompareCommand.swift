import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateScenario

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare policy variants with the baseline on common random numbers (paired differences with CIs).")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(
        name: .customLong("variant"),
        help: "A variant, NAME:key=value[,key=value…] (repeatable). Default: the scenario's experiments.")
    var variants: [String] = []

    @Option(help: "Runs per arm (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "Master seed, shared by every arm (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] { setting.overrides }

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if let runs, runs < 2 { throw ValidationError("--runs must be at least 2 for paired intervals (got \(runs))") }
        if let weeks, weeks < 1 { throw ValidationError("--weeks must be at least 1 (got \(weeks))") }
        // A malformed --variant is a usage error (exit 64), like any other bad option.
        for variant in variants {
            do { _ = try CompareJob.parseVariant(variant) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() throws {
        let job: CompareJob
        let base: Scenario
        do {
            base = try loadScenario(scenario)
            job = try CompareJob(
                scenario: base, overrides: overrides, variants: variants, runs: runs, seed: seed,
                weeks: weeks, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            noteDroppedPastHorizon(job.base.scenario)
        } catch {
            throw fail(error)
        }
        struct Options: Encodable {
            var variants: [[String: [String]]]
        }
        let arms = job.experiment.variants.map { [$0.name: $0.overrides] }
        let recorder = try StoreRecorder.begin(
            storage, kind: .compare, job: job.base, base: base, options: Options(variants: arms))
        let interrupt = onInterrupt { resumeHint(recorder, resumable: false) }
        defer { interrupt.cancel() }
        let bar = ProgressBar(total: job.base.runs)
        let progress = ProgressBar.callback(bar)
        let (comparison, outcome) = job.execute(progress: progress)
        bar?.finish()
        var storeError: String? = nil
        if let recorder {
            let names = ["baseline"] + job.experiment.variants.map(\.name)
            let weekly = zip(names, outcome.accumulators).flatMap { weeklyRows($1, arm: $0) }
            var rows = resultRows("arm", [comparison.baseline] + comparison.variants) { $0.name }
            for c in comparison.comparisons {
                let start = rows.filter { $0.section == "difference" }.count
                rows += resultRows("difference", c.differences) { _ in c.name }.map {
                    var r = $0
                    r.index += start
                    return r
                }
            }
            do {
                storeError = recorder.complete(
                    summaryJSON: try ComparisonFormatter.json(comparison), weekly: weekly, results: rows)
            } catch {
                throw recorder.failed(error)
            }
        }
        switch format {
        case .table: print(ComparisonFormatter.table(comparison), terminator: "")
        case .json: print(try ComparisonFormatter.json(comparison), terminator: "")
        case .csv: print(ComparisonFormatter.csv(comparison), terminator: "")
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }
}
