import Foundation

/// Large count arrays coded as one compact blob instead of one element at a time. Coders
/// that set `PackedInts.key` in their `userInfo` (the store's batches) get the blob; any other
/// coder (JSON) gets the plain array. Decoding reads either, so tallies stored before packing
/// still load.
///
/// The blob: each nonzero value as a LEB128 varint of its zigzag code (so ≥ 1), each run of
/// zeros as a 0 byte and the run's length as a varint. Tallies are mostly zeros and small
/// counts, so this is a few bytes per nonzero count.
public enum PackedInts {
    /// The `userInfo` key that asks for packed arrays (value `true`).
    public static let key = CodingUserInfoKey(rawValue: "stalemate.packedInts")!

    /// Encodes `values` under `key`, packed when the encoder asks for it.
    public static func encode<Key: CodingKey>(
        _ values: [Int], forKey key: Key, in container: inout KeyedEncodingContainer<Key>, encoder: any Encoder
    ) throws {
        guard encoder.userInfo[Self.key] as? Bool == true else {
            try container.encode(values, forKey: key)
            return
        }
        try container.encode(pack(values), forKey: key)
    }

    /// Decodes an array stored by `encode`, packed or plain.
    public static func decode<Key: CodingKey>(forKey key: Key, in container: KeyedDecodingContainer<Key>) throws
        -> [Int]
    {
        if let data = try? container.decode(Data.self, forKey: key) {
            guard let values = unpack(data) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "a packed array cut short (\(data.count) bytes)")
            }
            return values
        }
        return try container.decode([Int].self, forKey: key)
    }

    /// The blob of `values`.
    static func pack(_ values: [Int]) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(values.count / 4 + 16)
        func varint(_ x: UInt64) {
            var x = x
            while x >= 0x80 {
                out.append(UInt8(x & 0x7F) | 0x80)
                x >>= 7
            }
            out.append(UInt8(x))
        }
        var i = 0
        while i < values.count {
            if values[i] == 0 {
                var run = 0
                while i < values.count && values[i] == 0 {
                    run += 1
                    i += 1
                }
                out.append(0)
                varint(UInt64(run))
            } else {
                let v = Int64(values[i])
                varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
                i += 1
            }
        }
        return Data(out)
    }

    /// The most values a blob may unpack to (128 MB of counts), far above any tally's: a
    /// damaged or hostile blob's run of zeros cannot make it allocate more.
    static let maximumCount = 1 << 24

    /// The values of a blob; nil when it is cut short or longer than `maximumCount`.
    static func unpack(_ data: Data) -> [Int]? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int]? in
            var out = [Int]()
            var p = 0
            func varint() -> UInt64? {
                var x: UInt64 = 0
                var shift: UInt64 = 0
                while p < raw.count && shift < 64 {
                    let byte = raw[p]
                    p += 1
                    x |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return x }
                    shift += 7
                }
                return nil
            }
            while p < raw.count {
                if raw[p] == 0 {
                    p += 1
                    guard let run = varint(), run <= UInt64(maximumCount - out.count) else { return nil }
                    out.append(contentsOf: repeatElement(0, count: Int(run)))
                } else {
                    guard let z = varint(), out.count < maximumCount else { return nil }
                    out.append(Int(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)))
                }
            }
            return out
        }
    }

    /// `decode` for a key that may be absent.
    public static func decodeIfPresent<Key: CodingKey>(
        forKey key: Key, in container: KeyedDecodingContainer<Key>
    ) throws -> [Int]? {
        container.contains(key) ? try decode(forKey: key, in: container) : nil
    }
}
