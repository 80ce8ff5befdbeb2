import Foundation
import StalemateAnalysis
import StalemateCore
import Testing

/// docs/model.md embeds the parameter tables generated from the specs in code; this keeps
/// the document and the code in step (re-generate with `stalemate parameters --markdown`).
@Suite("Model documentation")
struct ModelDocsTests {
    static var docsURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/model.md")
    }

    @Test func parameterTablesAreCurrent() throws {
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        let begin = "<!-- BEGIN GENERATED PARAMETERS: stalemate parameters --markdown -->\n"
        let end = "<!-- END GENERATED PARAMETERS -->"
        let start = try #require(text.range(of: begin))
        let stop = try #require(text.range(of: end))
        #expect(String(text[start.upperBound..<stop.lowerBound]) == ParameterTable.markdown())
    }

    @Test func everyParameterIsDocumentedWithItsDefault() throws {
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        for spec in ModelParameter.allCases.map(\.spec) + SideParameter.allCases.map(\.spec) {
            #expect(
                text.contains("| `\(spec.key)` | \(spec.symbol) | \(spec.unit) | \(formatNumber(spec.defaultValue)) |"),
                "\(spec.key)")
        }
    }
}
