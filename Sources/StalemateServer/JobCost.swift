import StalemateJobs
import StalemateScenario

/// What a job would simulate, in run-weeks, before it is queued: the server refuses jobs
/// past its cap rather than let one request hold the machine for hours.
enum JobCost {
    /// The kinds the server computes; calibrate, fit and analyze run from the command line.
    static let served: Set<String> = ["run", "explain", "compare", "sweep", "sensitivity", "backtest"]

    /// Run-weeks of `spec`, after loading its scenario (whose problems are thrown).
    static func runWeeks(_ spec: JobSpec) throws(ScenarioErrors) -> Int? {
        func weeks(_ input: ScenarioInput, _ e: EnsembleSettings) throws(ScenarioErrors) -> Int {
            if let weeks = e.weeks { return weeks }
            return try input.load().model.horizon
        }
        func product(_ factors: Int...) -> Int {
            factors.reduce(1) { a, b in
                let (p, overflow) = a.multipliedReportingOverflow(by: max(b, 0))
                return overflow ? Int.max : p
            }
        }
        switch spec {
        case .run(let j): return product(j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .explain(let j): return product(j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .backtest(let j): return product(j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .compare(let j):
            let arms = 1 + (j.variants.isEmpty ? (try j.scenario.load()).experiments.count : j.variants.count)
            return product(arms, j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .sweep(let j):
            let points =
                j.design == .grid
                ? (0..<j.parameters.count).reduce(1) { a, _ in product(a, j.points) } : j.points
            return product(points, j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .sensitivity(let j):
            let k = j.parameters.count
            let points = j.method == .morris ? product(j.size, k + 1) : product(j.size, k + 2)
            return product(points, j.ensemble.runs, try weeks(j.scenario, j.ensemble))
        case .calibrate, .fit, .analyze:
            return nil
        }
    }
}
