import Foundation

/// A fixed-bin histogram for quantiles of a stream of values in constant memory.
///
/// Bins are linear on `[lower, upper)` or logarithmic (for positive quantities spanning
/// decades). A quantile is interpolated within its bin: its error is at most one bin width
/// (linear) or one bin's ratio (logarithmic, `10^(1/binsPerDecade)`).
public struct Histogram: Sendable, Equatable, Codable {
    public enum Scale: Sendable, Equatable, Codable {
        case linear
        /// Logarithmic; values at or below `lower` go to the first bin.
        case logarithmic
    }

    public let lower: Double
    public let upper: Double
    public let scale: Scale
    public private(set) var counts: [Int]
    public private(set) var total = 0

    public init(lower: Double, upper: Double, bins: Int, scale: Scale = .linear) {
        precondition(upper > lower && bins > 0 && (scale == .linear || lower > 0))
        self.lower = lower
        self.upper = upper
        self.scale = scale
        counts = [Int](repeating: 0, count: bins)
    }

    enum CodingKeys: String, CodingKey { case lower, upper, scale, counts, total }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lower = try c.decode(Double.self, forKey: .lower)
        upper = try c.decode(Double.self, forKey: .upper)
        scale = try c.decode(Scale.self, forKey: .scale)
        counts = try PackedInts.decode(forKey: .counts, in: c)
        total = try c.decode(Int.self, forKey: .total)
        guard lower.isFinite, upper.isFinite, upper > lower, scale == .linear || lower > 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .upper, in: c, debugDescription: "a histogram on [\(lower), \(upper)) with \(scale) bins")
        }
        guard !counts.isEmpty, total >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .counts, in: c, debugDescription: "\(counts.count) bins holding \(total) values")
        }
    }

    /// Whether `o` has these bins (so that the two merge).
    public func hasBins(of o: Histogram) -> Bool {
        o.counts.count == counts.count && o.lower == lower && o.upper == upper && o.scale == scale
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lower, forKey: .lower)
        try c.encode(upper, forKey: .upper)
        try c.encode(scale, forKey: .scale)
        try PackedInts.encode(counts, forKey: .counts, in: &c, encoder: encoder)
        try c.encode(total, forKey: .total)
    }

    @inline(__always) private func position(_ x: Double) -> Double {
        switch scale {
        case .linear: (x - lower) / (upper - lower)
        case .logarithmic: x <= lower ? 0 : log(x / lower) / log(upper / lower)
        }
    }

    private func value(at position: Double) -> Double {
        switch scale {
        case .linear: lower + position * (upper - lower)
        case .logarithmic: lower * exp(position * log(upper / lower))
        }
    }

    /// Adds `x`; values outside the range go to the end bins. NaN is ignored.
    @inline(__always) public mutating func add(_ x: Double) {
        guard !x.isNaN else { return }
        let b = Int((position(x) * Double(counts.count)).rounded(.down))
        counts[min(counts.count - 1, max(0, b))] += 1
        total += 1
    }

    public mutating func merge(_ o: Histogram) {
        precondition(o.counts.count == counts.count && o.lower == lower && o.upper == upper)
        for i in counts.indices { counts[i] += o.counts[i] }
        total += o.total
    }

    /// The `q`-quantile, interpolated within its bin; nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let target = q * Double(total)
        var cumulative = 0.0
        for (i, c) in counts.enumerated() where c > 0 {
            let next = cumulative + Double(c)
            if next >= target {
                let within = c > 0 ? (target - cumulative) / Double(c) : 0
                return value(at: (Double(i) + within) / Double(counts.count))
            }
            cumulative = next
        }
        return value(at: 1)
    }
}
