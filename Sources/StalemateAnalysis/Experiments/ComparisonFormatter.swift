import Foundation

/// Renders a `Comparison` as a table, JSON or tidy CSV.
public enum ComparisonFormatter {
    public static func json(_ c: Comparison) throws -> String {
        try StableJSON.text(c) + "\n"
    }

    /// Columns `variant,metric,baseline,variant_value,difference,lower,upper,variance_reduction,pairs`.
    public static func csv(_ c: Comparison) -> String {
        var rows = ["variant,metric,baseline,variant_value,difference,lower,upper,variance_reduction,pairs"]
        func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        for v in c.comparisons {
            for d in v.differences {
                rows.append(
                    "\(v.name),\(d.key),\(f(d.baseline)),\(f(d.variant)),\(f(d.difference)),\(f(d.ci95?[0])),\(f(d.ci95?[1])),\(f(d.varianceReduction)),\(d.pairs)"
                )
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    public static func table(_ c: Comparison) -> String {
        var out =
            "\(c.scenario.title) [\(c.scenario.id)]: \(c.runs) runs × \(c.weeks) weeks per arm, seed \(c.seed), common random numbers\n"
        func n(_ x: Double?, _ d: Int = 3) -> String {
            guard let x, x.isFinite else { return "–" }
            return String(format: "%.\(d)f", x)
        }
        for (i, v) in c.comparisons.enumerated() {
            out += "\nVariant \(v.name): " + c.variants[i].overrides.joined(separator: ", ") + "\n"
            out +=
                "  metric".padding(toLength: 42, withPad: " ", startingAt: 0)
                + "baseline   variant   difference [95% CI]            var. reduction\n"
            for d in v.differences {
                let digits = d.key.hasPrefix("settled") || d.key == "defeat" || d.key == "terms" ? 3 : 1
                let ci = d.ci95.map { "[\(n($0[0], digits)), \(n($0[1], digits))]" } ?? ""
                let vr = d.varianceReduction.map { String(format: "×%.1f", $0) } ?? ""
                out +=
                    "  " + d.metric.padding(toLength: 40, withPad: " ", startingAt: 0)
                    + n(d.baseline, digits).padding(toLength: 11, withPad: " ", startingAt: 0)
                    + n(d.variant, digits).padding(toLength: 10, withPad: " ", startingAt: 0)
                    + (n(d.difference, digits) + " " + ci).padding(toLength: 31, withPad: " ", startingAt: 0) + vr
                    + "\n"
            }
            out +=
                "  blockers of peace reduced: "
                + (v.blockersReduced.isEmpty ? "none" : v.blockersReduced.joined(separator: ", "))
            out +=
                "; increased: " + (v.blockersIncreased.isEmpty ? "none" : v.blockersIncreased.joined(separator: ", "))
                + "\n"
        }
        return out
    }
}
