import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateCore
import StalemateStore

extension JobResult {
    /// The per-week rows the store keeps (run, explain, compare, backtest).
    var weeklyRows: [WeeklyRow] {
        switch self {
        case .run(_, let acc), .explain(_, let acc), .backtest(_, let acc, _): Self.weekly(acc, arm: "baseline")
        case .compare(_, let outcome, let arms): zip(arms, outcome.accumulators).flatMap { Self.weekly($1, arm: $0) }
        default: []
        }
    }

    /// The tidy result rows the store keeps (docs/store.md lists the sections).
    var resultRows: [ResultRow] {
        switch self {
        case .run, .explain, .fit, .analyze: return []
        case .compare(let c, _, _):
            var rows = Self.rows("arm", [c.baseline] + c.variants) { $0.name }
            for comparison in c.comparisons {
                let start = rows.filter { $0.section == "difference" }.count
                rows += Self.rows("difference", comparison.differences) { _ in comparison.name }.map {
                    var r = $0
                    r.index += start
                    return r
                }
            }
            return rows
        case .sweep(let s): return Self.sweepRows(s.rows, parameters: s.job.design.parameters)
        case .sensitivity(let r):
            return Self.rows("morris", r.morris ?? []) { $0.name } + Self.rows("sobol", r.sobol ?? []) { $0.name }
        case .backtest(let r, _, _):
            return Self.rows("week", BacktestFormatter.weekRecords(r)) { "\($0.week) \($0.forecaster)" }
                + Self.rows("band", BacktestFormatter.bandRecords(r)) { "\($0.band) \($0.forecaster)" }
        case .calibrate(.shipped(let r)): return Self.calibrationRows(r.full)
        case .calibrate(.fitted(let r)): return Self.calibrationRows(r)
        }
    }

    /// Result rows of encodable values, numbered in order.
    static func rows<T: Encodable>(_ section: String, _ values: [T], name: (T) -> String) -> [ResultRow] {
        values.enumerated().compactMap { i, v in
            guard let json = try? StableJSON.text(v, pretty: false) else { return nil }
            return ResultRow(section: section, index: i, name: name(v), json: json)
        }
    }

    /// The per-week rows of an arm's merged accumulator (table `weekly`).
    static func weekly(_ acc: EnsembleAccumulator, arm: String) -> [WeeklyRow] {
        let w = acc.weekly
        return (0..<acc.horizon).map { t in
            WeeklyRow(
                arm: arm, week: t, runs: acc.runs, phases: TalksPhase.allCases.map { w.count(week: t, phase: $0) },
                blockers: Blocker.allCases.map { w.count(week: t, blocker: $0) },
                held: BlockerGroup.allCases.map { w.count(week: t, held: $0) },
                suspendedAfter: Side.allCases.flatMap { s in
                    SuspensionCause.allCases.map { w.count(week: t, suspendedBy: s, cause: $0) }
                },
                escalationMean: w.meanLevel(week: t),
                shareQuantiles: w.shareQuantiles(week: t, WeeklyRow.shareLevels))
        }
    }

    /// A sweep's rows: each point's parameters under their own keys (so that `export` has a
    /// column per parameter, not `values_0`), then the point's results.
    static func sweepRows(_ rows: [SweepRow], parameters: [SweepParameter]) -> [ResultRow] {
        rows.enumerated().compactMap { i, row in
            guard let json = try? StableJSON.text(row, pretty: false),
                var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
            else { return nil }
            object.removeValue(forKey: "values")
            for (p, value) in zip(parameters, row.values) {
                object[p.key] = p.levels == nil ? value as Any : p.text(value) as Any
            }
            return try? ResultRow(section: "point", index: i, name: row.task, object: object)
        }
    }

    /// One row per fitted parameter (section `estimate`) and one per moment.
    static func calibrationRows(_ r: CalibrationResult) -> [ResultRow] {
        struct Estimate: Encodable {
            var parameter: String
            var value: Double
            var lower: Double
            var upper: Double
            var logScale: Bool
        }
        struct Moment: Encodable {
            var moment: String
            var observed: Double
            var simulated: Double
            var weight: Double
        }
        let estimates = zip(r.parameters, r.estimate).map {
            Estimate(parameter: $0.name, value: $1, lower: $0.lower, upper: $0.upper, logScale: $0.logScale)
        }
        let m = r.moments
        let moments = m.names.indices.map {
            Moment(moment: m.names[$0], observed: m.observed[$0], simulated: m.simulated[$0], weight: m.weights[$0])
        }
        return rows("estimate", estimates) { $0.parameter } + rows("moment", moments) { $0.moment }
    }
}

extension SweepOutput {
    /// The store's rows of the points finished so far (also for an interrupted sweep).
    static func storedRows(_ rows: [SweepRow], job: SweepJob) -> [ResultRow] {
        JobResult.sweepRows(rows, parameters: job.design.parameters)
    }
}
