import Foundation

/// The JSON form of every document the commands print or store: pretty, keys sorted, slashes
/// unescaped, so the same value always gives the same bytes.
public enum StableJSON {
    /// The JSON text of `value`, without a trailing newline.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
