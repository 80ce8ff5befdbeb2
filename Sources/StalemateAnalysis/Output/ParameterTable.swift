import StalemateCore

/// The documented parameters as a Markdown table (docs/model.md embeds this output, and a
/// test keeps the two in step) or as plain text for `stalemate parameters`.
public enum ParameterTable {
    /// Markdown tables of the shared and per-side parameters.
    public static func markdown() -> String {
        func rows(_ specs: [ParameterSpec], prefix: String) -> String {
            var out = "| key | symbol | unit | default | range | meaning |\n| --- | --- | --- | --- | --- | --- |\n"
            for s in specs {
                let range =
                    "\(formatNumber(s.range.lowerBound)) … \(formatNumber(s.range.upperBound))"
                    + (s.isInteger ? " (whole)" : "")
                out +=
                    "| `\(prefix)\(s.key)` | \(s.symbol) | \(s.unit) | \(formatNumber(s.defaultValue)) | \(range) | \(s.summary) |\n"
            }
            return out
        }
        return "### Shared parameters (`model.<key>`)\n\n" + rows(ModelParameter.allCases.map(\.spec), prefix: "")
            + "\n### Per-side parameters (`sides.<A|B>.<key>`)\n\n"
            + rows(SideParameter.allCases.map(\.spec), prefix: "")
    }

    /// One line per parameter: key, default, range and unit.
    public static func text() -> String {
        var out = ""
        for (title, specs, prefix) in [
            ("Shared parameters", ModelParameter.allCases.map(\.spec), "model."),
            ("Per-side parameters", SideParameter.allCases.map(\.spec), "sides.<A|B>."),
        ] {
            out += "\(title):\n"
            for s in specs {
                let key = (prefix + s.key).padding(toLength: 40, withPad: " ", startingAt: 0)
                out +=
                    "  \(key) \(formatNumber(s.defaultValue).padding(toLength: 8, withPad: " ", startingAt: 0)) [\(formatNumber(s.range.lowerBound))…\(formatNumber(s.range.upperBound))] \(s.unit)\n"
            }
        }
        return out
    }
}
