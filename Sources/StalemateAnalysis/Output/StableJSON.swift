import Foundation

/// The JSON form of every document the commands print or store: keys sorted, slashes
/// unescaped, numbers clean, so the same value always gives the same bytes.
public enum StableJSON {
    /// The JSON text of `value`, without a trailing newline; `pretty` indents it. Non-finite
    /// numbers are written as the strings `Infinity`, `-Infinity` and `NaN`. `exact` keeps
    /// every double as it round-trips (for what is read back: job identities, checkpoints)
    /// instead of the cleaned numbers outputs show.
    public static func text<T: Encodable>(_ value: T, pretty: Bool = true, exact: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return exact ? text : cleanNumbers(text)
    }

    /// Rewrites the fractional numbers of a JSON text as `CSVWriter.number` does (12
    /// significant digits, residue below 1e-12 as 0, no `-0`), outside strings. Integers are
    /// left alone, so seeds and counts keep every digit.
    static func cleanNumbers(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        var token = ""
        var inString = false
        var escaped = false
        func flush() {
            guard !token.isEmpty else { return }
            if token == "-0" {
                out += "0"
            } else if token.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let x = Double(token) {
                out += CSVWriter.number(x)
            } else {
                out += token
            }
            token = ""
        }
        for c in json {
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
            } else if c == "\"" {
                flush()
                inString = true
                out.append(c)
            } else if c.isNumber || c == "-" || c == "+" || c == "." || c == "e" || c == "E" {
                token.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }
}
