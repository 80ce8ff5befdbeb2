import Crypto

/// SHA-256 (swift-crypto) of a scenario's source text: the fingerprint by which a stored result
/// names exactly the file it ran.
public enum SourceHash {
    /// The digest of `text`'s UTF-8 bytes, as 64 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        hex(bytes: Array(text.utf8))
    }

    /// The digest of `bytes`, as 64 lowercase hex digits.
    public static func hex(bytes: [UInt8]) -> String {
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest(bytes) {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }
}
