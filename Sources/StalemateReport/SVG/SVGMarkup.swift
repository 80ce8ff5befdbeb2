import Foundation

/// Accumulates SVG (and HTML) markup, escaping every piece of text it is given.
///
/// The markup is well-formed XML: attribute values and text are escaped with
/// ``escape(_:)``, numbers are written with ``number(_:)`` (never NaN or ∞).
struct SVGMarkup {
    private(set) var text = ""

    /// Appends raw markup (already escaped).
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// Appends an empty element with the given attributes, e.g. `<line x1="0" …/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        text += "<\(name)\(Self.attributes(attributes))/>"
    }

    /// Appends a text element, truncating `content` to `maxChars` characters; a truncated
    /// label keeps its full text in a `<title>` child (shown as a tooltip).
    mutating func label(
        _ content: String, x: Double, y: Double, anchor: String = "start", maxChars: Int = 80,
        attributes extra: [(String, String)] = []
    ) {
        let shown = Self.truncate(content, maxChars: maxChars)
        let attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor)] + extra
        text += "<text\(Self.attributes(attributes))>"
        if shown != content { text += "<title>\(Self.escape(content))</title>" }
        text += "\(Self.escape(shown))</text>"
    }

    /// Writes attributes as ` name="value"` pairs, escaping the values; empty values are left out.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.filter { !$0.1.isEmpty }.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Escapes text for XML and HTML: `& < > " '` become entities, and characters XML 1.0
    /// does not allow (control characters other than tab, line feed and carriage return,
    /// U+FFFE, U+FFFF) are dropped.
    static func escape(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Shortens `string` to at most `maxChars` characters, ending in "…" when cut.
    static func truncate(_ string: String, maxChars: Int) -> String {
        let limit = max(maxChars, 2)
        guard string.count > limit else { return string }
        return String(string.prefix(limit - 1)) + "…"
    }

    /// A coordinate with one decimal; non-finite values become 0 (callers skip them first).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 10).rounded() / 10
        if rounded == rounded.rounded() && abs(rounded) < 1e9 { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// An SVG path through `points`: straight segments, or horizontal-then-vertical steps.
    static func path(_ points: [(x: Double, y: Double)], steps: Bool) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(number(first.x)),\(number(first.y))"
        for point in points.dropFirst() {
            if steps {
                d += "H\(number(point.x))V\(number(point.y))"
            } else {
                d += "L\(number(point.x)),\(number(point.y))"
            }
        }
        return d
    }

    /// A closed polygon between an upper and a lower edge sharing the same x positions.
    static func band(_ points: [(x: Double, low: Double, high: Double)], steps: Bool) -> String {
        guard !points.isEmpty else { return "" }
        let top = path(points.map { ($0.x, $0.high) }, steps: steps)
        var bottom = ""
        for (index, point) in points.reversed().enumerated() {
            if steps && index > 0 {
                bottom += "V\(number(point.low))H\(number(point.x))"
            } else {
                bottom += "L\(number(point.x)),\(number(point.low))"
            }
        }
        return top + bottom + "Z"
    }
}
