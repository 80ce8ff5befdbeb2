import Foundation
import StalemateCore
import StalemateScenario

/// The job behind `stalemate compare`: a scenario, its overrides, and variants given as
/// `NAME:key=value[,key=value…]` or taken from the scenario's `experiments:` section.
public struct CompareJob: Sendable {
    public let base: RunJob
    public let experiment: Experiment

    /// A variant specification that cannot be parsed.
    public struct VariantError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses `NAME:key=value[,key=value…]`.
    public static func parseVariant(_ text: String) throws -> (name: String, overrides: [String]) {
        guard let colon = text.firstIndex(of: ":") else {
            throw VariantError(
                description:
                    "--variant \(text): expected NAME:key=value[,key=value…], e.g. no-incursion:events.kursk-incursion=off"
            )
        }
        let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let body = text[text.index(after: colon)...]
        let overrides = body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !name.isEmpty else {
            throw VariantError(description: "--variant \(text): the variant needs a name before ':'")
        }
        guard !overrides.isEmpty, overrides.allSatisfy({ $0.contains("=") }) else {
            throw VariantError(
                description: "--variant \(text): after '\(name):' give key=value pairs separated by commas")
        }
        return (name, overrides)
    }

    /// Resolves every arm (each override is validated as in `stalemate run`). Without
    /// `variants`, the scenario's `experiments:` are used; with neither, this throws.
    public init(
        scenario: Scenario, overrides: [String] = [], variants: [String] = [], runs: Int? = nil, seed: UInt64? = nil,
        weeks: Int? = nil, threads: Int? = nil
    ) throws {
        try self.init(
            scenario: scenario, overrides: overrides, arms: try variants.map(Self.parseVariant), runs: runs,
            seed: seed, weeks: weeks, threads: threads)
    }

    /// Resolves every arm given as (name, overrides); without any, the scenario's
    /// `experiments:` are used; with neither, this throws.
    public init(
        scenario: Scenario, overrides: [String] = [], arms given: [(name: String, overrides: [String])],
        runs: Int? = nil, seed: UInt64? = nil, weeks: Int? = nil, threads: Int? = nil
    ) throws {
        base = try RunJob(
            scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks, threads: threads)
        var specs = given
        if specs.isEmpty {
            specs = scenario.experiments.map { ($0.name, $0.overrides.map(\.description)) }
        }
        guard !specs.isEmpty else {
            throw VariantError(
                description:
                    "no variants: give --variant NAME:key=value[,…] or add an `experiments:` section to the scenario")
        }
        var names = Set<String>()
        var arms: [Experiment.Arm] = []
        for spec in specs {
            guard names.insert(spec.name).inserted else {
                throw VariantError(
                    description: "variant name '\(spec.name)' is used twice: give each variant its own name")
            }
            // Checked on their own first, so that an error names the variant, not --set.
            let location = ScenarioLocation(file: "--variant \(spec.name)")
            _ = try base.scenario.applying(spec.overrides.map { try Override(parsing: $0, location: location) })
            let job = try RunJob(
                scenario: scenario, overrides: overrides + spec.overrides, runs: runs, seed: seed, weeks: weeks,
                threads: threads)
            guard job.scenario.model.horizon == base.scenario.model.horizon else {
                throw VariantError(
                    description: "variant '\(spec.name)' changes the horizon: compare arms over the same weeks")
            }
            arms.append(Experiment.Arm(name: spec.name, overrides: spec.overrides, model: job.compiled))
        }
        experiment = Experiment(
            baseline: Experiment.Arm(name: "baseline", overrides: [], model: base.compiled), variants: arms,
            seed: base.seed, runs: base.runs, threads: base.threads)
    }

    /// Runs all arms on common random numbers and compares them.
    public func execute(
        progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil, cache: ArmCache? = nil,
        preloaded: [Int: Experiment.Chunk] = [:]
    ) throws(Stopped) -> (Comparison, Experiment.Outcome) {
        let arms = [experiment.baseline] + experiment.variants
        let keys = arms.map {
            ArmCache.Key(
                scenarioHash: base.scenario.sourceHash, overrides: base.overrides + $0.overrides, seed: experiment.seed,
                runs: experiment.runs, chunkSize: experiment.chunkSize)
        }
        var known: [Int: Experiment.ArmResult] = [:]
        if let cache {
            for (a, key) in keys.enumerated() { known[a] = cache.result(key) }
        }
        let outcome = experiment.run(
            known: known, preloaded: preloaded, progress: progress, shouldStop: stop?.check)
        try stop.throwIfSet()
        if let cache {
            for (a, key) in keys.enumerated() where known[a] == nil {
                cache.store(
                    Experiment.ArmResult(values: outcome.values[a], accumulator: outcome.accumulators[a]), for: key)
            }
        }
        let s = base.scenario
        return (
            Comparison(
                experiment: experiment, outcome: outcome, scenario: .init(id: s.id, title: s.title, hash: s.sourceHash)),
            outcome
        )
    }
}
