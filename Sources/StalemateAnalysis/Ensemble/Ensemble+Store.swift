import Foundation
import StalemateCore
import StalemateStatistics

extension EnsembleAccumulator {
    /// The accumulator as a binary property list, exact for every count and Double (NaN and
    /// infinities included), for storing a chunk and merging it again on resume. The large
    /// count arrays are packed blobs (`PackedInts`): element-by-element coding cost more than
    /// simulating the chunk.
    public func encoded() throws -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        encoder.userInfo[PackedInts.key] = true
        return try encoder.encode(self)
    }

    /// Decodes `encoded()`.
    public static func decoded(from data: Data) throws -> EnsembleAccumulator {
        try PropertyListDecoder().decode(EnsembleAccumulator.self, from: data)
    }
}

extension WeeklyAggregate {
    /// `shareQuantile(week:_:)` for several levels at once, computed from the bin counts
    /// directly (the same numbers, without refilling a histogram per level).
    public func shareQuantiles(week t: Int, _ levels: [Double]) -> [Double?] {
        let bins = Self.shareBins
        let row = share[(t * bins)..<((t + 1) * bins)]
        let total = row.reduce(0, +)
        guard total > 0 else { return levels.map { _ in nil } }
        return levels.map { q in
            let target = q * Double(total)
            var cumulative = 0.0
            for (i, c) in row.enumerated() where c > 0 {
                let next = cumulative + Double(c)
                if next >= target {
                    return (Double(i) + (target - cumulative) / Double(c)) / Double(bins)
                }
                cumulative = next
            }
            return 1
        }
    }

    /// Mean escalation level in week `t` among runs still going; nil when none is.
    public func meanLevel(week t: Int) -> Double? {
        var n = 0
        var sum = 0
        for l in 0...ladderMax {
            let c = count(week: t, level: l)
            n += c
            sum += c * l
        }
        return n > 0 ? Double(sum) / Double(n) : nil
    }
}
