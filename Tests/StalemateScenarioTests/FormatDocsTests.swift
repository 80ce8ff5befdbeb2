import Foundation
import StalemateCore
import Testing

@testable import StalemateScenario

/// docs/scenario-format.md carries tables generated from the specs in code; this test keeps
/// them in step. Run with `RECORD_SCENARIO_DOCS=1` to rewrite the generated part.
struct FormatDocsTests {
    static let begin = "<!-- BEGIN GENERATED TABLES: edit the specs in code and re-record -->"
    static let end = "<!-- END GENERATED TABLES -->"

    static var docsURL: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/scenario-format.md")
    }

    @Test func generatedTablesAreCurrent() throws {
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "docs/scenario-format.md lacks the begin marker")
        let stop = try #require(text.range(of: Self.end), "docs/scenario-format.md lacks the end marker")
        let current = String(text[start.upperBound..<stop.lowerBound])
        let expected = "\n" + Self.tables() + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SCENARIO_DOCS"] != nil {
            try (String(text[..<start.upperBound]) + expected + String(text[stop.lowerBound...]))
                .write(to: Self.docsURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == expected, "re-record with RECORD_SCENARIO_DOCS=1 swift test --filter FormatDocsTests")
    }

    @Test func everyOverrideFormIsDocumented() throws {
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        for form in Scenario.overrideKeyForms { #expect(text.contains("`\(form)`"), "\(form)") }
    }

    static func row(_ spec: ParameterSpec, symbol: Bool = true, defaultText: String? = nil) -> String {
        let range =
            "\(formatNumber(spec.range.lowerBound))...\(formatNumber(spec.range.upperBound))"
            + (spec.isInteger ? " (whole)" : "")
        let cells = [
            "`\(spec.key)`", symbol ? spec.symbol : nil, spec.unit, defaultText ?? formatNumber(spec.defaultValue),
            range,
            spec.summary,
        ]
        return "| " + cells.compactMap { $0 }.joined(separator: " | ") + " |"
    }

    static func table(_ specs: [ParameterSpec], symbol: Bool = true, defaults: [String: String] = [:]) -> [String] {
        let header =
            symbol
            ? "| key | symbol | unit | default | range | meaning |" : "| key | unit | default | range | meaning |"
        let rule = symbol ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|"
        return [header, rule] + specs.map { row($0, symbol: symbol, defaultText: defaults[$0.key]) }
    }

    static func tables() -> String {
        var out: [String] = []
        out.append("### Model parameters (`model:`; also `--set model.<key>=` or `--set <key>=`)")
        out.append("")
        out += table(ModelParameter.allCases.map(\.spec))
        out.append("")
        out.append("### Side parameters (`sides.A:`, `sides.B:`; `--set sides.<side>.<key>=`)")
        out.append("")
        out += table(SideParameter.allCases.map(\.spec))
        out.append("")
        out.append("### Region fields (`regions:` items; `--set regions.<id>.<key>=`)")
        out.append("")
        out += table(
            [FieldSpecs.value, FieldSpecs.symbolic, FieldSpecs.control, FieldSpecs.step], symbol: false,
            defaults: ["value": "required", "control": "required", "step": "`model.regionStep`"])
        out.append("")
        out.append(
            "### Policy amounts (`thirdParties[].policies[]`, `policy` events; `--set thirdParties.<id>.<kind>=`)")
        out.append("")
        out.append("| kind | side field | amount | unit | range | meaning |")
        out.append("|---|---|---|---|---|---|")
        for kind in PolicyKindName.allCases {
            let spec = kind.amount
            let range = "\(formatNumber(spec.range.lowerBound))...\(formatNumber(spec.range.upperBound))"
            out.append(
                "| `\(kind.rawValue)` | \(kind.sideField.map { "`\($0)`" } ?? "–") | `\(spec.key)` | \(spec.unit) | \(range) | \(spec.summary) |"
            )
        }
        out.append("")
        out.append("### Event fields (numbers; `--set events.<id>.<key>=`)")
        out.append("")
        out.append("| kind | key | unit | default | range | meaning |")
        out.append("|---|---|---|---|---|---|")
        for kind in EventKindName.allCases {
            for spec in FieldSpecs.eventFields(kind) {
                let defaultText =
                    kind.required.contains(spec.key) ? "required" : kind == .policy ? "to the horizon" : nil
                let row = Self.row(spec, symbol: false, defaultText: defaultText).dropFirst(2)
                out.append("| `\(kind.rawValue)` | " + row)
            }
        }
        out.append("")
        out.append("### Run settings (`run:`; `--set run.<key>=`)")
        out.append("")
        out += table([FieldSpecs.runs, FieldSpecs.threads], symbol: false, defaults: ["threads": "caller's choice"])
        return out.joined(separator: "\n")
    }
}
