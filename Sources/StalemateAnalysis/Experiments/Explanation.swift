import Foundation
import StalemateCore

/// Why peace failed, week by week (schema `stalemate.explain/1`): the share of runs still at
/// war and, among them, what blocked agreement (docs/model.md section 11).
public struct Explanation: Codable, Sendable, Equatable {
    public static let schema = "stalemate.explain/1"

    public struct Week: Codable, Sendable, Equatable {
        public var week: Int
        /// Share of all runs at war in this week (fighting: not in a ceasefire, not ended).
        public var atWar: Double
        /// Share of all runs in a ceasefire, and ended.
        public var ceasefire: Double
        public var ended: Double
        /// Among runs at war: share of each detailed blocker as the primary one (`Blocker`
        /// descriptions; the rule is in docs/model.md section 11). They add up to 1.
        public var blockers: [String: Double]
        /// Among runs at war: share in which each coarse blocker held, with or without others
        /// (`noRange`, `unwilling`, `suspended`, `noMeeting`). They may add up to more than 1.
        public var held: [String: Double]
        /// Among runs at war: share of each combination of coarse blockers that held, keyed by
        /// their names joined with `+` (`noRange+suspended`, …); combinations that never held
        /// are left out. They add up to 1.
        public var joint: [String: Double]
        /// Among runs at war: share suspended by each side after each kind of shock,
        /// keyed `byA.incursion`, `byB.escalation`, ….
        public var suspendedAfter: [String: Double]
    }

    public var schema: String
    public var scenario: EnsembleSummary.ScenarioInfo
    public var runs: Int
    public var seed: UInt64
    public var weeks: [Week]
    /// Over all run-weeks of war: the share of each detailed blocker as the primary one.
    public var overall: [String: Double]
    /// Over all run-weeks of war: the share in which each coarse blocker held.
    public var overallHeld: [String: Double]
    /// Over all run-weeks of war: the share of each combination of coarse blockers.
    public var overallJoint: [String: Double]

    /// The name of a combination of coarse blockers.
    public static func name(_ flags: BlockerFlags) -> String {
        flags.isEmpty ? "none" : flags.groups.map(\.description).joined(separator: "+")
    }

    public init(accumulator acc: EnsembleAccumulator, scenario: EnsembleSummary.ScenarioInfo, seed: UInt64) {
        schema = Self.schema
        self.scenario = scenario
        runs = acc.runs
        self.seed = seed
        let w = acc.weekly
        let total = Double(max(1, acc.runs))
        weeks = (0..<acc.horizon).map { t in
            let atWar = w.atWar(week: t)
            let denominator = Double(max(1, atWar))
            var blockers: [String: Double] = [:]
            for b in Blocker.allCases { blockers[b.description] = Double(w.count(week: t, blocker: b)) / denominator }
            let held = Self.heldShares(of: denominator) { w.count(week: t, held: $0) }
            let joint = Self.jointShares(of: denominator) { w.count(week: t, joint: $0) }
            var after: [String: Double] = [:]
            for side in Side.allCases {
                for cause in SuspensionCause.allCases {
                    after["by\(side).\(cause)"] =
                        Double(w.count(week: t, suspendedBy: side, cause: cause)) / denominator
                }
            }
            return Week(
                week: t, atWar: Double(atWar) / total, ceasefire: Double(w.count(week: t, phase: .ceasefire)) / total,
                ended: Double(w.count(week: t, phase: .ended)) / total, blockers: blockers, held: held, joint: joint,
                suspendedAfter: after)
        }
        let warWeeks = Double(max(1, acc.warWeeks))
        overall = Dictionary(
            uniqueKeysWithValues: Blocker.allCases.map { ($0.description, Double(acc.weeks(primary: $0)) / warWeeks) })
        overallHeld = Self.heldShares(of: warWeeks) { w.count(held: $0) }
        overallJoint = Self.jointShares(of: warWeeks) { w.count(joint: $0) }
    }

    /// Each coarse blocker's count as a share of `denominator`, keyed by its name.
    static func heldShares(of denominator: Double, _ count: (BlockerGroup) -> Int) -> [String: Double] {
        Dictionary(
            uniqueKeysWithValues: BlockerGroup.allCases.map { ($0.description, Double(count($0)) / denominator) })
    }

    /// Each combination of coarse blockers that occurred, as a share of `denominator`.
    static func jointShares(of denominator: Double, _ count: (BlockerFlags) -> Int) -> [String: Double] {
        var out: [String: Double] = [:]
        for mask in 0..<16 {
            let flags = BlockerFlags(rawValue: UInt8(mask))
            let n = count(flags)
            if n > 0 { out[name(flags)] = Double(n) / denominator }
        }
        return out
    }
}

extension Explanation {
    public func json() throws -> String {
        try StableJSON.text(self) + "\n"
    }

    /// A compact table: one row every `every` weeks (and the last week); blocker columns are
    /// shares of the runs still at war that week.
    public func table(every: Int) -> String {
        let columns: [(String, String)] = [
            ("noRange.optimism", "opt"), ("noRange.humiliation", "hum"), ("noRange.costsTooLow", "cost"),
            ("noRange.commitment", "com"), ("noRange.coreDemands", "core"), ("unwilling.momentum", "mom"),
            ("unwilling.other", "oth"),
        ]
        var out = "\(scenario.title) [\(scenario.id)]: why peace failed, \(runs) runs, seed \(seed)\n"
        out += "Blockers are shares of the runs at war that week. no range: opt = optimism, hum = humiliation,\n"
        out += "cost = costs too low, com = commitment (agreements expected to break), core = core demands;\n"
        out += "unwilling: mom = momentum, oth = other; suspended by A/B after an\n"
        out += "inc = incursion, esc = escalation, sh = scheduled shock; meet = talks open, no agreement yet.\n"
        out += "The columns are the primary blocker of each week; the lines at the end count every blocker.\n\n"
        out +=
            " week  at war ceasef. ended |  opt   hum  cost   com  core |  mom   oth | A:inc A:esc  A:sh B:inc B:esc  B:sh | meet\n"
        func p(_ x: Double) -> String { String(format: "%5.1f", 100 * x) }
        for w in weeks where w.week % max(1, every) == 0 || w.week == weeks.count - 1 {
            var line =
                String(format: "%5d", w.week) + "  " + p(w.atWar) + "  " + p(w.ceasefire) + " " + p(w.ended) + " |"
            for (key, _) in columns.prefix(5) { line += " " + p(w.blockers[key] ?? 0) }
            line += " |"
            for (key, _) in columns.suffix(2) { line += " " + p(w.blockers[key] ?? 0) }
            line += " |"
            for side in ["A", "B"] {
                for cause in ["incursion", "escalation", "shock"] {
                    line += " " + p(w.suspendedAfter["by\(side).\(cause)"] ?? 0)
                }
            }
            line += " | " + p(w.blockers["noMeeting"] ?? 0)
            out += line + "\n"
        }
        out +=
            "\nOver all run-weeks of war, the primary blocker (no range first, then suspended, unwilling, no meeting): "
            + Blocker.allCases.map { "\($0) \(String(format: "%.1f%%", 100 * (overall[$0.description] ?? 0)))" }
            .joined(separator: ", ") + "\n"
        out +=
            "Every blocker that held (several may hold at once): "
            + BlockerGroup.allCases.map {
                "\($0) \(String(format: "%.1f%%", 100 * (overallHeld[$0.description] ?? 0)))"
            }.joined(separator: ", ") + "\n"
        out += "How they combine: "
        out +=
            overallJoint.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map {
                "\($0.key) \(String(format: "%.1f%%", 100 * $0.value))"
            }.joined(separator: ", ") + "\n"
        return out
    }
}

extension Explanation {
    /// Tidy CSV, one row per week and share: `week, measure, key, share`, where measure is
    /// `phase` (atWar, ceasefire, ended: shares of all runs), `blocker` (primary), `held`,
    /// `joint` or `suspendedAfter` (shares of the runs at war that week).
    public func csv() -> String {
        var csv = CSVWriter(columns: ["week", "measure", "key", "share"])
        for w in weeks {
            func rows(_ measure: String, _ shares: [String: Double]) {
                for (key, value) in shares.sorted(by: { $0.key < $1.key }) {
                    csv.row([String(w.week), measure, key, CSVWriter.number(value)])
                }
            }
            rows("phase", ["atWar": w.atWar, "ceasefire": w.ceasefire, "ended": w.ended])
            rows("blocker", w.blockers)
            rows("held", w.held)
            rows("joint", w.joint)
            rows("suspendedAfter", w.suspendedAfter)
        }
        return csv.text
    }
}
