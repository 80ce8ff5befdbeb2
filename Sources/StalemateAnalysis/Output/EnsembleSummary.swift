import StalemateCore
import StalemateStatistics

/// The results of an ensemble as printed by `stalemate run --format json`: schema
/// `stalemate.run/1`, documented in docs/output.md. Field names and meanings are stable;
/// new fields may be added. Weeks are counted from the scenario's week 0.
public struct EnsembleSummary: Codable, Sendable, Equatable {
    public static let schema = "stalemate.run/1"

    public struct ScenarioInfo: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// SHA-256 of the scenario text after overrides.
        public var hash: String

        public init(id: String, title: String, hash: String) {
            self.id = id
            self.title = title
            self.hash = hash
        }
    }

    public struct Settings: Codable, Sendable, Equatable {
        public var runs: Int
        public var seed: UInt64
        public var weeks: Int
        /// `--set` overrides applied, in order.
        public var overrides: [String]

        public init(runs: Int, seed: UInt64, weeks: Int, overrides: [String]) {
            self.runs = runs
            self.seed = seed
            self.weeks = weeks
            self.overrides = overrides
        }
    }

    public struct OutcomeShare: Codable, Sendable, Equatable {
        public var outcome: String
        public var count: Int
        public var probability: Double
        /// 95% Wilson interval.
        public var ci95: [Double]
    }

    public struct SurvivalPoint: Codable, Sendable, Equatable {
        public var week: Int
        /// Kaplan–Meier probability that the war is still on after `week` weeks.
        public var stillAtWar: Double
        /// 95% interval (log(-log) Greenwood).
        public var ci95: [Double]
        public var atRisk: Int
    }

    public struct Quartiles: Codable, Sendable, Equatable {
        /// nil when the quantile is not reached before the horizon (censoring).
        public var q1: Int?
        public var median: Int?
        public var q3: Int?
        /// Share of runs in which the event happened before the horizon.
        public var observed: Double
    }

    public struct Distribution: Codable, Sendable, Equatable {
        public var mean: Double
        public var standardError: Double
        public var q1: Double?
        public var median: Double?
        public var q3: Double?
    }

    public struct Suspensions: Codable, Sendable, Equatable {
        public var perRun: Double
        public var standardError: Double
        public var bySide: [String: Int]
        public var byCause: [String: Int]
        public var runsWithSuspension: OutcomeShare
    }

    public struct Escalation: Codable, Sendable, Equatable {
        public var meanPeak: Double
        /// Runs whose peak level was 0, 1, …, L.
        public var peakCounts: [Int]
        public var cyclesPerRun: Double
        public var cyclesStandardError: Double
        public var escalationsPerRun: [String: Double]
    }

    public struct Terms: Codable, Sendable, Equatable {
        /// Runs that ended in an agreement still in force (settled or ceasefire holding).
        public var runs: Int
        /// A's share in the agreement; nil when there is none.
        public var share: Distribution?
        public var agreementsPerRun: Double
        public var breakdownsPerRun: Double
    }

    public struct Blockers: Codable, Sendable, Equatable {
        /// Run-weeks of war observed (not in ceasefire, not ended).
        public var warWeeks: Int
        /// Share of war weeks each coarse blocker was the primary one (they add up to 1).
        public var shares: [String: Double]
        /// Share of war weeks each detailed blocker was the primary one.
        public var detail: [String: Double]
        /// Share of war weeks each coarse blocker held, with or without others (absent in
        /// summaries stored before it existed).
        public var held: [String: Double]?
    }

    public var schema: String
    public var scenario: ScenarioInfo
    public var settings: Settings
    public var sides: [String: String]
    public var outcomes: [OutcomeShare]
    public var survival: [SurvivalPoint]
    public var timeToFirstTalks: Quartiles
    public var timeToEnd: Quartiles
    public var suspensions: Suspensions
    public var escalation: Escalation
    public var casualties: [String: Distribution]
    public var terms: Terms
    public var finalShare: Distribution
    public var blockers: Blockers
    /// Weeks simulated over all runs (a run stops when its war ends).
    public var simulatedRunWeeks: Int
}

extension EnsembleSummary {
    /// Weeks at which survival is reported, when within the horizon.
    public static let survivalWeeks = [26, 52, 104, 156]

    /// Builds the summary of `acc`.
    public init(
        accumulator acc: EnsembleAccumulator, scenario: ScenarioInfo, settings: Settings, sideNames: SidePair<String>
    ) {
        schema = Self.schema
        self.scenario = scenario
        self.settings = settings
        sides = ["A": sideNames.a, "B": sideNames.b]
        outcomes = Outcome.allCases.map { o in
            OutcomeShare(outcome: o.description, count: acc.outcomes[o.rawValue], trials: acc.runs)
        }
        let curve = acc.warEnd.curve()
        var weeks = Self.survivalWeeks.filter { $0 <= acc.horizon }
        if !weeks.contains(acc.horizon) { weeks.append(acc.horizon) }
        survival = weeks.map { w in
            let p = curve[w]
            // Runs still at war after week w: the curve's at-risk count for week w + 1, plus the
            // runs censored at w (at the horizon, every run still at war).
            let censored = w < acc.warEnd.censored.count ? acc.warEnd.censored[w] : 0
            return SurvivalPoint(
                week: w, stillAtWar: p.survival, ci95: [p.lower, p.upper], atRisk: p.atRisk + censored)
        }
        timeToFirstTalks = Quartiles(acc.firstTalks)
        timeToEnd = Quartiles(acc.warEnd)
        suspensions = Suspensions(
            perRun: acc.suspensions.mean, standardError: acc.suspensions.standardError,
            bySide: ["A": acc.suspensionsBySide.a, "B": acc.suspensionsBySide.b],
            byCause: Dictionary(
                uniqueKeysWithValues: SuspensionCause.allCases.map {
                    ($0.description, acc.suspensionsByCause[$0.rawValue])
                }),
            runsWithSuspension: OutcomeShare(outcome: "suspended", count: acc.runsWithSuspension, trials: acc.runs))
        escalation = Escalation(
            meanPeak: acc.peakEscalation.mean, peakCounts: acc.peakCounts, cyclesPerRun: acc.cycles.mean,
            cyclesStandardError: acc.cycles.standardError,
            escalationsPerRun: ["A": acc.escalations.a.mean, "B": acc.escalations.b.mean])
        casualties = [
            "A": Distribution(acc.casualties.a, acc.casualtyHistogram.a),
            "B": Distribution(acc.casualties.b, acc.casualtyHistogram.b),
        ]
        terms = Terms(
            runs: acc.terms.count, share: acc.terms.count > 0 ? Distribution(acc.terms, acc.termsHistogram) : nil,
            agreementsPerRun: acc.agreements.mean, breakdownsPerRun: acc.breakdowns.mean)
        finalShare = Distribution(acc.finalShare, acc.finalShareHistogram)
        let total = max(1, acc.warWeeks)
        var groups = [String: Double]()
        for g in BlockerGroup.allCases { groups[g.description] = 0 }
        var detail = [String: Double]()
        for b in Blocker.allCases {
            let share = Double(acc.weeks(primary: b)) / Double(total)
            detail[b.description] = share
            groups[b.group.description, default: 0] += share
        }
        let held = Explanation.heldShares(of: Double(total)) { acc.weekly.count(held: $0) }
        blockers = Blockers(warWeeks: acc.warWeeks, shares: groups, detail: detail, held: held)
        simulatedRunWeeks = acc.simulatedWeeks
    }
}

extension EnsembleSummary.OutcomeShare {
    init(outcome: String, count: Int, trials: Int) {
        let p = Proportion(count: count, trials: trials)
        self.init(outcome: outcome, count: count, probability: p.estimate, ci95: [p.lower, p.upper])
    }
}

extension EnsembleSummary.Quartiles {
    init(_ km: KaplanMeier) {
        let n = km.count
        let events = km.events.reduce(0, +)
        self.init(
            q1: km.quantile(0.25), median: km.quantile(0.5), q3: km.quantile(0.75),
            observed: n > 0 ? Double(events) / Double(n) : 0)
    }
}

extension EnsembleSummary.Distribution {
    init(_ m: MeanAccumulator, _ h: Histogram) {
        self.init(
            mean: m.mean, standardError: m.standardError, q1: h.quantile(0.25), median: h.quantile(0.5),
            q3: h.quantile(0.75))
    }
}
