import StalemateAnalysis
import StalemateJobs
import StalemateScenario

/// What the server checks before it queues a job: a kind it computes, a scenario that loads,
/// settings and overrides that apply, and at most `maxRunWeeks` of simulation. A job refused
/// here gets 422 with what to fix, rather than failing later in the queue.
enum JobCost {
    /// The kinds the server computes; calibrate, fit and analyze run from the command line.
    static let served: Set<String> = ["run", "explain", "compare", "sweep", "sensitivity", "backtest"]

    /// Run-weeks of `spec` (runs × weeks × arms or design points), after checking it.
    static func check(_ spec: JobSpec) throws(APIError) -> Int {
        guard served.contains(spec.kind) else {
            throw APIError(
                .unprocessableContent,
                "the server does not compute \(spec.kind) jobs: run them with `stalemate \(spec.kind)`; it computes \(served.sorted().joined(separator: ", "))"
            )
        }
        switch spec {
        case .run(let j): return try ensemble(j.scenario, j.ensemble)
        case .explain(let j): return try ensemble(j.scenario, j.ensemble)
        case .backtest(let j):
            if let from = j.trendFrom, from > 0 {
                throw APIError(
                    .unprocessableContent, "trendFrom is \(from): it must be a week ≤ 0 (before the forecast)")
            }
            guard j.scale.isFinite && j.scale > 0 else {
                throw APIError(.unprocessableContent, "scale is \(j.scale): it must be a positive number")
            }
            return try ensemble(j.scenario, j.ensemble)
        case .compare(let j):
            let scenario = try load(j.scenario)
            let perArm = try ensemble(j.scenario, j.ensemble, loaded: scenario)
            let variants = j.variants.isEmpty ? scenario.experiments.map(\.name) : j.variants.map(\.name)
            for v in j.variants {
                var settings = j.ensemble
                settings.overrides += v.overrides
                _ = try ensemble(j.scenario, settings, loaded: scenario, arm: "variant \(v.name): ")
            }
            return product(1 + variants.count, perArm)
        case .sweep(let j):
            guard !j.parameters.isEmpty else { throw APIError(.unprocessableContent, "a sweep needs parameters") }
            guard j.points >= 1 else {
                throw APIError(.unprocessableContent, "points is \(j.points): a sweep needs at least 1")
            }
            let points = j.design == .grid ? j.parameters.reduce(1) { a, _ in product(a, j.points) } : j.points
            return product(points, try ensemble(j.scenario, j.ensemble))
        case .sensitivity(let j):
            guard j.size >= 1 else {
                throw APIError(.unprocessableContent, "size is \(j.size): it must be at least 1")
            }
            let k = j.parameters.count
            let points = j.method == .morris ? product(j.size, k + 1) : product(j.size, k + 2)
            return product(points, try ensemble(j.scenario, j.ensemble))
        case .calibrate, .fit, .analyze:
            return 0  // not served (checked above)
        }
    }

    private static func load(_ input: ScenarioInput) throws(APIError) -> Scenario {
        do { return try input.load() } catch {
            throw APIError(
                .unprocessableContent, "the job's scenario has problems:\n\(error)", problems: Routes.problems(error))
        }
    }

    /// Run-weeks of one arm, after checking its settings and overrides on the scenario.
    private static func ensemble(
        _ input: ScenarioInput, _ e: EnsembleSettings, loaded: Scenario? = nil, arm: String = ""
    ) throws(APIError) -> Int {
        let scenario: Scenario
        if let loaded { scenario = loaded } else { scenario = try load(input) }
        guard e.runs >= 1 else {
            throw APIError(.unprocessableContent, "\(arm)runs is \(e.runs): it must be at least 1")
        }
        if let weeks = e.weeks, weeks < 1 {
            throw APIError(.unprocessableContent, "\(arm)weeks is \(weeks): it must be at least 1")
        }
        let job: RunJob
        do {
            job = try RunJob(scenario: scenario, overrides: e.overrides, runs: e.runs, seed: e.seed, weeks: e.weeks)
        } catch { throw APIError(.unprocessableContent, "\(arm)\(error)") }
        return product(e.runs, job.scenario.model.horizon)
    }

    private static func product(_ factors: Int...) -> Int {
        factors.reduce(1) { a, b in
            let (p, overflow) = a.multipliedReportingOverflow(by: max(b, 0))
            return overflow ? Int.max : p
        }
    }
}
