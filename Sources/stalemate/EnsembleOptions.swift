import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario

/// `--threads`, declared once for every command that simulates.
struct ThreadOptions: ParsableArguments {
    @Option(help: "Worker threads (default: the number of cores). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 || threads > 512 {
            throw ValidationError("--threads must be in 1...512 (got \(threads))")
        }
    }
}

/// `--set key=value`, declared once for every command that takes overrides.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: "Override a scenario parameter, key=value (repeatable), e.g. sides.B.contingency=0.5.")
    var overrides: [String] = []
}

/// The ensemble options shared by `run` and `explain`.
struct EnsembleOptions: ParsableArguments {
    @Option(help: "Number of runs (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? {
        get { workers.threads }
        set { workers.threads = newValue }
    }

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] {
        get { setting.overrides }
        set { setting.overrides = newValue }
    }

    func validate() throws {
        try workers.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        if let weeks, weeks < 1 { throw ValidationError("--weeks must be at least 1 (got \(weeks))") }
    }

    /// The ensemble settings on `scenario` (overrides validated, defaults from the scenario).
    func settings(for scenario: Scenario) throws -> EnsembleSettings {
        try EnsembleSettings.resolve(scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks)
    }
}
