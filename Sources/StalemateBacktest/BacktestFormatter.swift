import Foundation
import StalemateAnalysis
import StalemateStatistics

/// The table and CSV forms of a backtest (the JSON form is `BacktestResult` itself).
public enum BacktestFormatter {
    /// One tidy record per scored week and forecaster (`--format csv`, the store's rows).
    public struct WeekRecord: Encodable, Sendable {
        public var week: Int
        public var date: String?
        public var forecaster: String
        public var observed: Double
        public var median: Double
        public var q05: Double
        public var q25: Double
        public var q75: Double
        public var q95: Double
        public var crps: Double
        public var pitLower: Double
        public var pitUpper: Double
        public var in50: Int
        public var in90: Int
        public var intervalScore50: Double
        public var intervalScore90: Double
        public var probability: Double?
        public var brier: Double?
        public var log: Double?
    }

    /// One tidy record per band (and "all") and forecaster.
    public struct BandRecord: Encodable, Sendable {
        public var band: String
        public var fromWeek: Int?
        public var toWeek: Int?
        public var weeks: Int
        public var forecaster: String
        public var crps: Double
        /// The model's CRPS skill against this baseline (empty for the model).
        public var skill: Double?
        public var coverage50: Double
        public var coverage90: Double
        public var brier: Double?
        public var log: Double?
    }

    public static let forecasters = ["model", "persistence", "trend"]

    public static func weekRecords(_ r: BacktestResult) -> [WeekRecord] {
        r.weeks.flatMap { w in
            zip(forecasters, [w.model, w.persistence, w.trend]).map { name, f in
                WeekRecord(
                    week: w.week, date: w.date, forecaster: name, observed: w.observed, median: f.median, q05: f.q05,
                    q25: f.q25, q75: f.q75, q95: f.q95, crps: f.crps, pitLower: f.pit[0], pitUpper: f.pit[1],
                    in50: f.in50 ? 1 : 0, in90: f.in90 ? 1 : 0, intervalScore50: f.intervalScore50,
                    intervalScore90: f.intervalScore90, probability: f.probability, brier: f.brier, log: f.log)
            }
        }
    }

    public static func bandRecords(_ r: BacktestResult) -> [BandRecord] {
        (r.bands + [r.summary]).flatMap { s in
            forecasters.map { name in
                let coverage: BacktestResult.Coverage =
                    name == "model"
                    ? s.coverage : name == "trend" ? s.baselineCoverage.trend : s.baselineCoverage.persistence
                func pick(_ t: BacktestResult.Triple?) -> Double? {
                    t.map { name == "model" ? $0.model : name == "trend" ? $0.trend : $0.persistence }
                }
                return BandRecord(
                    band: s.band ?? "all", fromWeek: s.fromWeek ?? r.weeks.first?.week,
                    toWeek: s.band == nil ? r.weeks.last?.week : s.toWeek, weeks: s.weeks, forecaster: name,
                    crps: pick(s.crps)!,
                    skill: name == "model" ? nil : name == "trend" ? s.skill.trend : s.skill.persistence,
                    coverage50: coverage.p50, coverage90: coverage.p90, brier: pick(s.brier), log: pick(s.log))
            }
        }
    }

    /// `--format csv`: the per-week records, tidy (one row per week and forecaster).
    public static func csv(_ r: BacktestResult) -> String {
        let columns =
            "week,date,forecaster,observed,median,q05,q25,q75,q95,crps,pit_lower,pit_upper,in50,in90,interval_score50,interval_score90,probability,brier,log"
        func n(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "" } ?? "" }
        let lines = weekRecords(r).map { w in
            [
                "\(w.week)", w.date ?? "", w.forecaster, n(w.observed), n(w.median), n(w.q05), n(w.q25), n(w.q75),
                n(w.q95), n(w.crps), n(w.pitLower), n(w.pitUpper), "\(w.in50)", "\(w.in90)", n(w.intervalScore50),
                n(w.intervalScore90), n(w.probability), n(w.brier), n(w.log),
            ].joined(separator: ",")
        }
        return ([columns] + lines).joined(separator: "\n") + "\n"
    }

    /// The human summary: scores by horizon band, the PIT histogram and the weekly forecasts.
    public static func table(_ r: BacktestResult) -> String {
        let o = r.observed
        var out = "Backtest of \(r.scenario.title) [\(r.scenario.id)]\n"
        out += "\(o.observable): \(o.label)\n"
        let scaleText = o.scale == 1 ? "" : " × \(o.scale)"
        out += "observed: \(o.file), column \(o.column)\(scaleText); \(o.scored) weeks scored"
        if let first = r.weeks.first, let last = r.weeks.last { out += " (weeks \(first.week)–\(last.week))" }
        out += "\n\(r.settings.runs) runs, seed \(r.settings.seed); forecast origin week 0"
        if let start = o.startDate { out += " = \(start)" }
        out += "\n"
        if let origin = r.origin {
            out += "At the origin (week 0, not scored): observed \(number(origin.observed)), scenario "
            out += "\(number(origin.scenario)) (\(signed(origin.difference)))\n"
        }
        let b = r.baselines
        out += "Baselines: persistence \(number(b.persistence.value)) ± \(number(b.persistence.weeklySD))·√h; "
        out += "trend \(signed(b.trend.slope))/week from weeks \(b.trend.fromWeek)…\(b.trend.toWeek)"
        out += " (\(b.trend.points) points, residual sd \(number(b.trend.residualSD)))\n\n"

        out += "Mean CRPS by weeks ahead (lower is better; skill = 1 − model/baseline, > 0: the model is better)\n"
        let header = [
            "weeks", "n", "model", "persistence", "trend", "skill/pers.", "skill/trend", "in 50%", "in 90%",
        ]
        var rows: [[String]] = []
        for s in r.bands + [r.summary] {
            rows.append([
                s.band ?? "all", "\(s.weeks)", number(s.crps.model), number(s.crps.persistence), number(s.crps.trend),
                s.skill.persistence.map(signed) ?? "–", s.skill.trend.map(signed) ?? "–", percent(s.coverage.p50),
                percent(s.coverage.p90),
            ])
        }
        out += grid(header, rows)
        if let a = r.anchored, let origin = r.origin {
            out += "Diagnostic, as if the scenario had started on the observed value (every run shifted by "
            out +=
                "\(signed(-origin.difference))): CRPS \(number(a.crps.model)), skill \(a.skill.persistence.map(signed) ?? "–") "
            out +=
                "vs persistence and \(a.skill.trend.map(signed) ?? "–") vs trend, in 50% \(percent(a.coverage.p50)), "
            out += "in 90% \(percent(a.coverage.p90))\n"
        }
        if o.binary, let brier = r.summary.brier, let log = r.summary.log {
            out += "\nBrier: model \(number(brier.model)), persistence \(number(brier.persistence)), "
            out += "trend \(number(brier.trend)); log score: model \(number(log.model)), "
            out += "persistence \(number(log.persistence)), trend \(number(log.trend))\n"
        }
        if let pit = r.summary.pit {
            out += "\nPIT histogram of the model (share of weeks per tenth; 10% each if calibrated)\n"
            for (i, share) in pit.model.enumerated() {
                let bar = String(repeating: "█", count: Int((share * 50).rounded()))
                out +=
                    String(format: "  %.1f–%.1f %5.1f%% ", Double(i) / 10, Double(i + 1) / 10, share * 100) + bar + "\n"
            }
        }
        out += "\nWeek by week (model: median and 90% interval)\n"
        let weekHeader = ["week", "date", "observed", "median", "5%", "95%", "CRPS", "pers.", "trend", "PIT"]
        let weekRows = r.weeks.map { w in
            [
                "\(w.week)", w.date ?? "", number(w.observed), number(w.model.median), number(w.model.q05),
                number(w.model.q95), number(w.model.crps), number(w.persistence.crps), number(w.trend.crps),
                String(format: "%.2f", (w.model.pit[0] + w.model.pit[1]) / 2),
            ]
        }
        out += grid(weekHeader, weekRows)
        for note in r.notes { out += "note: \(note)\n" }
        return out
    }

    static func grid(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  "
                + cells.enumerated().map { i, c in
                    let pad = String(repeating: " ", count: widths[i] - c.count)
                    return i == 0 || i == 1 && header[1] == "date" ? c + pad : pad + c
                }.joined(separator: "  ") + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    /// Five significant digits, trailing zeros dropped.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        return String(format: "%.5g", x == 0 ? 0 : x)  // no "-0"
    }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + number(x == 0 ? 0 : x) }

    static func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
}
