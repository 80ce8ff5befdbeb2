import Foundation

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
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as pandas and R read it back, without the noise of floating-point arithmetic:
    /// 12 significant digits in the shortest form that round-trips them, magnitudes below 1e-12
    /// (arithmetic residue around an exact 0) as `0`, never `-0`, nil or NaN as an empty cell,
    /// whole numbers without a decimal point.
    public static func number(_ x: Double?) -> String {
        guard let x, !x.isNaN else { return "" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if abs(x) < 1e-12 { return "0" }
        let rounded = Double(String(format: "%.12g", x)) ?? x
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }
}
