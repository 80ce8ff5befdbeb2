import Foundation
import StalemateCore
import StalemateScenario

/// Robust levers (`stalemate robust`, schema `stalemate.robust/1`): each setting of the levers
/// (a grid or a Latin hypercube) is run in every future of a shared Latin hypercube of the
/// uncertain parameters, with the same seed everywhere (common random numbers: the same dice in
/// every cell), and judged by a metric across the futures: its mean, its worst decile, and its
/// regret, the gap to the best setting in each future (Savage 1951; Lempert, Popper & Bankes
/// 2003, *Shaping the Next One Hundred Years*, ch. 5; Kwakkel 2017 for the EMA Workbench's
/// robustness metrics). A setting is non-dominated when no other is at least as good on mean,
/// worst decile and largest regret, and better on one.
public struct RobustLevers: Codable, Sendable {
    public static let schema = "stalemate.robust/1"

    public struct Setting: Codable, Sendable {
        /// The lever values, in the levers' order (a level's index for a categorical lever).
        public var values: [Double]
        /// The setting in words, `key=value` joined by spaces.
        public var label: String
        /// The metric in each future, in the futures' order.
        public var outcomes: [Double]
        public var mean: Double
        /// The value the setting does no worse than in 90% of the futures.
        public var worstDecile: Double
        public var maxRegret: Double
        /// The 90th percentile of the regret.
        public var regret90: Double
        public var nonDominated: Bool
    }

    public var schema = RobustLevers.schema
    public var scenario: EnsembleSummary.ScenarioInfo
    public var metric: String
    /// `min` or `max`: which way the metric is better.
    public var goal: String
    public var levers: [SweepParameter]
    public var leverDesign: String
    public var uncertain: [SweepParameter]
    /// `futures[u][j]`: uncertain parameter j in future u.
    public var futures: [[Double]]
    public var runs: Int
    public var seed: UInt64
    public var weeks: Int
    public var overrides: [String]
    public var settings: [Setting]
    /// Indices of the settings of least mean, best worst decile, least largest regret.
    public var bestMean: Int
    public var bestWorstDecile: Int
    public var minimaxRegret: Int

    /// The metrics a robust analysis can judge by (a sweep row's), and which way each is better.
    public static func defaultGoal(_ metric: String) -> String {
        ["settled", "ceasefireHolding"].contains(metric) ? "max" : "min"
    }

    /// What is wrong with `metric`, with the closest name; nil for a metric of a sweep row.
    public static func metricProblem(_ metric: String) -> String? {
        guard !Discovery.metricNames.contains(metric) else { return nil }
        let closest = Discovery.metricNames.min {
            Discovery.Condition.distance($0, metric) < Discovery.Condition.distance($1, metric)
        }!
        return
            "--metric \(metric): no such metric; did you mean '\(closest)'? The metrics are \(Discovery.metricNames.joined(separator: ", "))"
    }

    /// The cells to simulate, lever setting by future: each a run job with the setting's and the
    /// future's overrides after the base overrides.
    public struct Plan: Sendable {
        public let levers: SweepDesign
        public let futures: SweepDesign
        public let jobs: [[RunJob]]
        public let base: RunJob
    }

    public static func plan(
        scenario: Scenario, overrides: [String], levers: [String], design: SweepDesignKind, leverPoints: Int,
        uncertain: [String], futures: Int, runs: Int?, seed: UInt64?, weeks: Int?, threads: Int?
    ) throws -> Plan {
        guard !levers.isEmpty else { throw SweepError("give at least one --lever key=lo:hi or key=a,b,…") }
        guard !uncertain.isEmpty else { throw SweepError("give at least one --uncertain key=lo:hi or key=a,b,…") }
        let base = try RunJob(
            scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks, threads: threads)
        let leverParameters = try levers.map(SweepParameter.init(parsing:))
        let uncertainParameters = try uncertain.map(SweepParameter.init(parsing:))
        for key in Set(leverParameters.map(\.key)).intersection(uncertainParameters.map(\.key)) {
            throw SweepError("\(key) is both a lever and uncertain: a parameter is one or the other")
        }
        let leverDesign = try SweepDesign(
            parameters: leverParameters, kind: design, points: leverPoints, seed: base.seed)
        // The futures' hypercube has its own stream, the same whatever the levers.
        let futureDesign = try SweepDesign(
            parameters: uncertainParameters, kind: .lhs, points: futures, seed: base.seed ^ 0xF0_7E5)
        let cells = leverDesign.values.count * futureDesign.values.count
        guard cells <= SweepDesign.maximumPoints else {
            throw SweepError(
                "\(leverDesign.values.count) lever settings × \(futureDesign.values.count) futures = \(cells) ensembles, more than \(SweepDesign.maximumPoints): use fewer"
            )
        }
        let jobs = try leverDesign.values.map { l in
            try futureDesign.values.map { u in
                try RunJob(
                    scenario: scenario,
                    overrides: overrides
                        + SweepJob.pointOverrides(parameters: leverDesign.parameters, values: l)
                        + SweepJob.pointOverrides(parameters: futureDesign.parameters, values: u),
                    runs: runs, seed: seed, weeks: weeks, threads: threads)
            }
        }
        return Plan(levers: leverDesign, futures: futureDesign, jobs: jobs, base: base)
    }

    /// Runs every cell of `plan` and judges the settings by `metric`.
    public init(
        plan: Plan, metric: String, goal: String? = nil, stop: StopFlag? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws {
        if let problem = Self.metricProblem(metric) { throw SweepError(problem) }
        let goal = goal ?? Self.defaultGoal(metric)
        guard goal == "min" || goal == "max" else { throw SweepError("--goal must be min or max (got \(goal))") }
        let runs = plan.base.runs
        let total = plan.jobs.count * (plan.jobs.first?.count ?? 0) * runs
        var done = 0
        var matrix: [[Double]] = []
        for (l, row) in plan.jobs.enumerated() {
            var outcomes: [Double] = []
            for (u, job) in row.enumerated() {
                let before = done
                let summary = try job.execute(progress: { progress?(before + $0, total) }, stop: stop)
                done += runs
                let point = SweepRow(point: l * row.count + u, task: "", values: [], summary: summary)
                guard let value = Discovery.metrics(of: point)[metric] else {
                    throw SweepError(
                        "the runs have no \(metric) (e.g. stillAtWar104 needs a horizon of 104 weeks or more; medianWeeksOfWar needs half the runs to end)"
                    )
                }
                outcomes.append(value)
            }
            matrix.append(outcomes)
        }
        self.init(
            matrix: matrix, metric: metric, goal: goal, levers: plan.levers, futures: plan.futures,
            base: plan.base)
    }

    /// Judges a finished matrix `matrix[setting][future]`.
    public init(
        matrix: [[Double]], metric: String, goal: String, levers: SweepDesign, futures: SweepDesign, base: RunJob
    ) {
        // Oriented so that less is better.
        let sign = goal == "max" ? -1.0 : 1.0
        let futureCount = matrix.first?.count ?? 0
        let best = (0..<futureCount).map { u in matrix.map { sign * $0[u] }.min() ?? 0 }
        func quantile(_ x: [Double], _ q: Double) -> Double {
            // Type 7 (Hyndman & Fan 1996), as numpy's default.
            let s = x.sorted()
            guard !s.isEmpty else { return .nan }
            let h = Double(s.count - 1) * q
            let lo = Int(h.rounded(.down))
            let hi = min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
        var settings = matrix.enumerated().map { l, outcomes in
            let oriented = outcomes.map { sign * $0 }
            let regret = zip(oriented, best).map { $0 - $1 }
            return Setting(
                values: levers.values[l],
                label: zip(levers.parameters, levers.values[l]).map { p, v in
                    "\(p.key)=\(p.levels == nil ? String(format: "%.4g", v) : p.text(v))"
                }.joined(separator: " "),
                outcomes: outcomes, mean: outcomes.reduce(0, +) / Double(max(1, outcomes.count)),
                worstDecile: sign * quantile(oriented, 0.9), maxRegret: regret.max() ?? 0,
                regret90: quantile(regret, 0.9), nonDominated: false)
        }
        func objectives(_ s: Setting) -> [Double] { [sign * s.mean, sign * s.worstDecile, s.maxRegret] }
        for i in settings.indices {
            let a = objectives(settings[i])
            settings[i].nonDominated = !settings.indices.contains { j in
                let b = objectives(settings[j])
                return j != i && zip(b, a).allSatisfy { $0 <= $1 } && zip(b, a).contains { $0 < $1 }
            }
        }
        // Ties go to the better mean, then to the first setting.
        func argmin(_ key: (Setting) -> Double) -> Int {
            settings.indices.min {
                let (a, b) = (key(settings[$0]), key(settings[$1]))
                return a < b || (a == b && sign * settings[$0].mean < sign * settings[$1].mean)
            } ?? 0
        }
        bestMean = argmin { sign * $0.mean }
        bestWorstDecile = argmin { sign * $0.worstDecile }
        minimaxRegret = argmin { $0.maxRegret }
        let s = base.scenario
        scenario = .init(id: s.id, title: s.title, hash: s.sourceHash)
        self.metric = metric
        self.goal = goal
        self.levers = levers.parameters
        leverDesign = levers.kind.rawValue
        uncertain = futures.parameters
        self.futures = futures.values
        runs = base.runs
        seed = base.seed
        weeks = s.model.horizon
        overrides = base.overrides
        self.settings = settings
    }

    public func table() -> String {
        func f(_ x: Double) -> String { String(format: abs(x) >= 100 ? "%.1f" : "%.3f", x) }
        var out =
            "\(scenario.id): \(settings.count) lever settings × \(futures.count) futures × \(runs) runs (common random numbers, seed \(seed)); metric \(metric), \(goal == "min" ? "lower" : "higher") is better\n"
        out +=
            "uncertain: \(uncertain.map { "\($0.key) \($0.rangeText)" }.joined(separator: "; "))\n\n"
        var t = TextTable(columns: ["setting", "mean", "worst decile", "max regret", "90% regret", ""])
        for (i, s) in settings.enumerated() {
            var marks: [String] = []
            if s.nonDominated { marks.append("non-dominated") }
            if i == minimaxRegret { marks.append("minimax regret") }
            if i == bestMean { marks.append("best mean") }
            if i == bestWorstDecile { marks.append("best worst decile") }
            t.row([s.label, f(s.mean), f(s.worstDecile), f(s.maxRegret), f(s.regret90), marks.joined(separator: ", ")])
        }
        out += t.text
        out +=
            "\nworst decile: the value the setting does no worse than in 90% of the futures; regret: the gap to the best setting in the same future (Savage 1951)\n"
        return out
    }

    /// One row per setting, tidy.
    public func csv() -> String {
        var csv = CSVWriter(
            columns: levers.map(\.key) + [
                "mean", "worst_decile", "max_regret", "regret_90", "non_dominated", "minimax_regret",
            ])
        for (i, s) in settings.enumerated() {
            csv.row(
                zip(levers, s.values).map { $0.levels == nil ? CSVWriter.number($1) : $0.text($1) }
                    + [s.mean, s.worstDecile, s.maxRegret, s.regret90].map(CSVWriter.number) + [
                        s.nonDominated ? "1" : "0", i == minimaxRegret ? "1" : "0",
                    ])
        }
        return csv.text
    }
}
