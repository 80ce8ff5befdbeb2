import StalemateCore
import StalemateScenario

/// The main job of `stalemate run`: resolve a scenario with overrides, simulate its ensemble
/// and summarise it. The CLI only parses arguments and calls this.
public struct RunJob: Sendable {
    /// The scenario after overrides.
    public let scenario: Scenario
    /// The overrides applied, as given.
    public let overrides: [String]
    public let runs: Int
    public let seed: UInt64
    public let threads: Int

    /// Applies `overrides` (`key=value`) to `scenario`; `runs`/`seed`/`weeks` override the
    /// scenario's run settings when given. Throws the scenario's validation errors.
    public init(
        scenario base: Scenario, overrides: [String] = [], runs: Int? = nil, seed: UInt64? = nil, weeks: Int? = nil,
        threads: Int? = nil
    ) throws {
        var all = try overrides.map { try Override(parsing: $0) }
        if let weeks { all.append(try Override(parsing: "weeks=\(weeks)")) }
        let scenario = all.isEmpty ? base : try base.applying(all)
        self.scenario = scenario
        self.overrides = overrides + (weeks.map { ["weeks=\($0)"] } ?? [])
        self.runs = runs ?? scenario.run.runs
        self.seed = seed ?? scenario.run.seed
        self.threads = max(1, threads ?? scenario.run.threads ?? 1)
    }

    /// The compiled model of the resolved scenario.
    public var compiled: CompiledModel { CompiledModel(scenario.model) }

    /// Simulates the ensemble; `progress` receives the number of completed runs.
    public func execute(progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil) throws(Stopped)
        -> EnsembleSummary
    {
        let ensemble = Ensemble(model: compiled, seed: seed, runs: runs, threads: threads)
        let acc = ensemble.run(progress: progress, shouldStop: stop?.check)
        try stop.throwIfSet()
        return summary(of: acc)
    }

    /// The summary of an accumulator of this job's ensemble.
    public func summary(of acc: EnsembleAccumulator) -> EnsembleSummary {
        EnsembleSummary(
            accumulator: acc,
            scenario: .init(id: scenario.id, title: scenario.title, hash: scenario.sourceHash),
            settings: .init(runs: runs, seed: seed, weeks: scenario.model.horizon, overrides: overrides),
            sideNames: scenario.model.sideNames)
    }
}
