import Foundation

/// The text rules every output module shares (the analysis module's CSV and JSON, the
/// store's exports), kept in one place so that they cannot drift apart.
public enum OutputText {
    /// A finite number as pandas and R read it back, without the noise of floating-point
    /// arithmetic: 12 significant digits in the shortest form that round-trips them,
    /// magnitudes below 1e-12 (arithmetic residue around an exact 0) as `0`, never `-0`,
    /// whole numbers without a decimal point.
    public static func number(_ x: Double) -> String {
        if abs(x) < 1e-12 { return "0" }
        let rounded = Double(String(format: "%.12g", x)) ?? x
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// A CSV field, quoted when RFC 4180 needs it (a comma, a quote or a line break), with
    /// quotes doubled.
    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
