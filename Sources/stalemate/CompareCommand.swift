import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
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

    @OptionGroup var out: OutputOptions

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

    /// The job these arguments describe (also what `stalemate plan compare …` cuts into tasks).
    func spec() throws -> JobSpec {
        let base = try ScenarioInput.loadReference(scenario)
        let settings = try EnsembleSettings.resolve(
            base, overrides: overrides, runs: runs, seed: seed, weeks: weeks)
        return .compare(
            CompareSpec(
                scenario: ScenarioInput(base), ensemble: settings,
                variants: try CompareSpec.variants(variants, of: base)))
    }

    func run() throws {
        let spec = try spec()
        let (result, store) = try JobExecution(threads: threads, storage: storage).run(spec)
        guard case .compare(let comparison, _, _) = result else { throw internalMismatch(spec) }
        switch out.format {
        case .table: try out.emit(ComparisonFormatter.table(comparison))
        case .json: try out.emit(try ComparisonFormatter.json(comparison))
        case .csv: try out.emit(ComparisonFormatter.csv(comparison))
        }
        try JobExecution.finish(store)
    }
}
