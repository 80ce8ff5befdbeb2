import Foundation
import StalemateCore

/// The one CSV writer of the command line's outputs (RFC 4180): a header, then rows; a field
/// is quoted when it holds a comma, a quote or a line break, with quotes doubled; lines end in
/// `\n`. Numbers are written clean (`number(_:)`).
public struct CSVWriter: Sendable {
    public private(set) var text: String

    public init(columns: [String]) {
        text = Self.line(columns)
    }

    /// Appends one row of already formatted fields.
    public mutating func row(_ fields: [String]) {
        text += Self.line(fields)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A field, quoted when RFC 4180 needs it.
    public static func field(_ s: String) -> String { OutputText.csvField(s) }

    /// A number as `OutputText.number` writes it; nil or NaN as an empty cell.
    public static func number(_ x: Double?) -> String {
        guard let x, !x.isNaN else { return "" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return OutputText.number(x)
    }
}
