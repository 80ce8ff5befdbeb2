import Foundation

/// Renders an `EnsembleSummary` as a human-readable table, tidy CSV or JSON.
public enum SummaryFormatter {
    /// Pretty-printed JSON with sorted keys: the same summary gives the same bytes.
    public static func json(_ s: EnsembleSummary) throws -> String {
        try StableJSON.text(s) + "\n"
    }

    /// Tidy CSV: one row per number, columns `section,metric,key,value,lower,upper`.
    public static func csv(_ s: EnsembleSummary) -> String {
        var csv = CSVWriter(columns: ["section", "metric", "key", "value", "lower", "upper"])
        func row(
            _ section: String, _ metric: String, _ key: String, _ v: Double?, _ lo: Double? = nil, _ hi: Double? = nil
        ) {
            csv.row([section, metric, key] + [v, lo, hi].map(CSVWriter.number))
        }
        for o in s.outcomes { row("outcome", "probability", o.outcome, o.probability, o.ci95[0], o.ci95[1]) }
        for p in s.survival { row("survival", "stillAtWar", "\(p.week)", p.stillAtWar, p.ci95[0], p.ci95[1]) }
        for (name, q) in [("timeToFirstTalks", s.timeToFirstTalks), ("timeToEnd", s.timeToEnd)] {
            row(name, "weeks", "q1", q.q1.map(Double.init))
            row(name, "weeks", "median", q.median.map(Double.init))
            row(name, "weeks", "q3", q.q3.map(Double.init))
            row(name, "observed", "share", q.observed)
        }
        row("suspensions", "perRun", "all", s.suspensions.perRun)
        for (k, v) in s.suspensions.bySide.sorted(by: { $0.key < $1.key }) {
            row("suspensions", "bySide", k, Double(v))
        }
        for (k, v) in s.suspensions.byCause.sorted(by: { $0.key < $1.key }) {
            row("suspensions", "byCause", k, Double(v))
        }
        row("escalation", "meanPeak", "all", s.escalation.meanPeak)
        row("escalation", "cyclesPerRun", "all", s.escalation.cyclesPerRun)
        for (k, d) in s.casualties.sorted(by: { $0.key < $1.key }) {
            row("casualties", "mean", k, d.mean)
            row("casualties", "median", k, d.median, d.q1, d.q3)
        }
        row("terms", "runs", "agreement", Double(s.terms.runs))
        if let d = s.terms.share { row("terms", "share", "median", d.median, d.q1, d.q3) }
        for (k, v) in s.blockers.shares.sorted(by: { $0.key < $1.key }) { row("blockers", "share", k, v) }
        for (k, v) in s.blockers.detail.sorted(by: { $0.key < $1.key }) { row("blockers", "detail", k, v) }
        for (k, v) in (s.blockers.held ?? [:]).sorted(by: { $0.key < $1.key }) { row("blockers", "held", k, v) }
        return csv.text
    }

    /// A plain-text report for the terminal.
    public static func table(_ s: EnsembleSummary) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func pct(_ x: Double) -> String { String(format: "%5.1f%%", 100 * x) }
        func num(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
        func weeks(_ w: Int?) -> String { w.map { "\($0)" } ?? ">\(s.settings.weeks)" }
        let a = s.sides["A"] ?? "A"
        let b = s.sides["B"] ?? "B"
        line("\(s.scenario.title) [\(s.scenario.id)]")
        line("\(s.settings.runs) runs × \(s.settings.weeks) weeks, seed \(s.settings.seed); A = \(a), B = \(b)")
        if !s.settings.overrides.isEmpty { line("overrides: " + s.settings.overrides.joined(separator: ", ")) }
        line()
        line("Outcome at the horizon            share   95% CI")
        let labels = [
            "settled": "settled (ceasefire held)", "ceasefireHolding": "ceasefire holding (young)",
            "defeatA": "defeat of \(a)", "defeatB": "defeat of \(b)", "ongoing": "still at war",
        ]
        for o in s.outcomes {
            let label = (labels[o.outcome] ?? o.outcome).padding(toLength: 32, withPad: " ", startingAt: 0)
            line("  \(label) \(pct(o.probability))  [\(pct(o.ci95[0])), \(pct(o.ci95[1]))]")
        }
        line()
        line("Still at war (Kaplan–Meier)       share   95% CI")
        for p in s.survival {
            let label = "after \(p.week) weeks".padding(toLength: 32, withPad: " ", startingAt: 0)
            line("  \(label) \(pct(p.stillAtWar))  [\(pct(p.ci95[0])), \(pct(p.ci95[1]))]")
        }
        line()
        line("Weeks until                        Q1  median   Q3   happened")
        for (label, q) in [("talks first open", s.timeToFirstTalks), ("the war ends", s.timeToEnd)] {
            let l = label.padding(toLength: 32, withPad: " ", startingAt: 0)
            line(
                "  \(l) \(weeks(q.q1).leftPad(4)) \(weeks(q.median).leftPad(6)) \(weeks(q.q3).leftPad(5))   \(pct(q.observed))"
            )
        }
        line()
        let sus = s.suspensions
        line(
            "Suspensions of talks: \(num(sus.perRun)) per run (± \(num(sus.standardError, 3))); runs with one: \(pct(sus.runsWithSuspension.probability))"
        )
        line(
            "  by \(a): \(sus.bySide["A"] ?? 0), by \(b): \(sus.bySide["B"] ?? 0); causes: "
                + sus.byCause.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        line(
            "Escalation: mean peak level \(num(s.escalation.meanPeak)), escalation–retaliation cycles \(num(s.escalation.cyclesPerRun)) per run"
        )
        line(
            "  peak level distribution: "
                + s.escalation.peakCounts.enumerated().map { "\($0.offset):\($0.element)" }.joined(separator: " "))
        for (key, name) in [("A", a), ("B", b)] {
            if let d = s.casualties[key] {
                line(
                    "Casualties \(name): mean \(num(d.mean, 1)), median \(num(d.median ?? .nan, 1)) [IQR \(num(d.q1 ?? .nan, 1))–\(num(d.q3 ?? .nan, 1))] units"
                )
            }
        }
        if let t = s.terms.share {
            line(
                "Terms (A's share in agreements in force, \(s.terms.runs) runs): median \(num(t.median ?? .nan, 3)) [IQR \(num(t.q1 ?? .nan, 3))–\(num(t.q3 ?? .nan, 3))]"
            )
        } else {
            line("Terms: no agreement in force in any run")
        }
        line(
            "Agreements per run \(num(s.terms.agreementsPerRun)), ceasefire breakdowns per run \(num(s.terms.breakdownsPerRun))"
        )
        line("Final share of A: mean \(num(s.finalShare.mean, 3)), median \(num(s.finalShare.median ?? .nan, 3))")
        line()
        line("What blocked peace (share of \(s.blockers.warWeeks) run-weeks of war; primary blocker: no range first)")
        for g in ["noRange", "unwilling", "suspended", "noMeeting"] {
            let detail = s.blockers.detail.filter { $0.key.hasPrefix(g) && $0.key != g }.sorted { $0.key < $1.key }
                .map {
                    "\($0.key.split(separator: ".").last ?? "") \(pct($0.value).trimmingCharacters(in: .whitespaces))"
                }
            let label = g.padding(toLength: 12, withPad: " ", startingAt: 0)
            line(
                "  \(label) \(pct(s.blockers.shares[g] ?? 0))"
                    + (detail.isEmpty ? "" : "   (" + detail.joined(separator: ", ") + ")"))
        }
        if let held = s.blockers.held {
            line(
                "  every blocker that held: "
                    + ["noRange", "unwilling", "suspended", "noMeeting"].map {
                        "\($0) \(pct(held[$0] ?? 0).trimmingCharacters(in: .whitespaces))"
                    }.joined(separator: ", "))
        }
        return out
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
