/// Sample quantiles.
public enum Quantile {
    /// The `p` quantile of a sorted sample by linear interpolation between order statistics
    /// (Hyndman & Fan 1996, type 7: R's default, numpy's "linear"); `p` is clamped to [0, 1],
    /// and an empty sample gives NaN.
    public static func type7(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * min(1, max(0, p))
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}
