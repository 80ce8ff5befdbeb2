import Foundation
import Yams

/// Converts Yams' errors into positioned `ScenarioError`s.
enum YamlErrors {
    static func convert(_ error: YamlError, file: String, text: String) -> ScenarioError {
        func at(_ mark: Mark?, _ message: String) -> ScenarioError {
            at(mark.map { ($0.line, $0.column) }, message)
        }
        func at(_ position: (line: Int, column: Int)?, _ message: String) -> ScenarioError {
            ScenarioError(
                .syntax(message), at: ScenarioLocation(file: file, line: position?.line, column: position?.column),
                keyPath: "")
        }
        func withContext(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return at(mark, withContext(context, problem))
        case .reader(let problem, let offset, _, _):
            return at(offset.flatMap { position(ofCharacterOffset: $0, in: text) }, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return at(context.mark, "duplicate key \(keys) in a mapping")
        default:
            return at(nil as Mark?, "\(error)")
        }
    }

    /// 1-based line and column of the character at `offset`.
    static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        for (i, character) in text.enumerated() {
            if i == offset { return (line, column) }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }
}
