import Foundation

/// Maps values of a domain onto a range of SVG coordinates, linearly or logarithmically,
/// and chooses "nice" ticks (1, 2 or 5 × 10ᵏ; powers of ten on a log scale).
///
/// Values outside the domain are clamped to its ends, so a stray value can never draw
/// outside the plot area.
struct LinearScale {
    private(set) var lower: Double
    private(set) var upper: Double
    let rangeStart: Double
    let rangeEnd: Double
    let logarithmic: Bool
    /// The tick step chosen by ``nice(target:)``, kept so ticks fall on the domain's ends.
    private var chosenStep: Double?

    /// Creates a scale; a degenerate or non-finite domain is widened so it always has extent.
    init(lower: Double, upper: Double, rangeStart: Double, rangeEnd: Double, logarithmic: Bool = false) {
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : 1
        if logarithmic {
            lo = lo > 0 ? lo : 1
            hi = hi > lo ? hi : lo * 10
        } else if hi <= lo {
            let pad = abs(lo) > 0 ? abs(lo) * 0.5 : 1
            lo -= pad
            hi += pad
        }
        self.lower = lo
        self.upper = hi
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.logarithmic = logarithmic
    }

    /// The SVG coordinate of `value`, clamped to the domain.
    func map(_ value: Double) -> Double {
        let v = min(max(value, lower), upper)
        let t: Double
        if logarithmic {
            t = (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            t = (v - lower) / (upper - lower)
        }
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The distance between linear ticks for about `target` ticks.
    func step(target: Int) -> Double {
        chosenStep ?? Self.niceStep((upper - lower) / Double(max(target, 1)))
    }

    /// About `target` ticks inside the domain (powers of ten, or 1-2-5 × 10ᵏ, on a log scale).
    func ticks(target: Int) -> [Double] {
        if logarithmic {
            let first = Int(floor(log10(lower))), last = Int(ceil(log10(upper)))
            let decades = (first...max(first, last)).map { pow(10, Double($0)) }
            let multipliers: [Double] = (last - first) <= 2 ? [1, 2, 5] : [1]
            let low: Double = lower * (1 - 1e-9)
            let high: Double = upper * (1 + 1e-9)
            var ticks: [Double] = []
            for decade in decades {
                for multiplier in multipliers {
                    let tick: Double = multiplier * decade
                    if tick >= low && tick <= high { ticks.append(tick) }
                }
            }
            return ticks
        }
        let step = step(target: target)
        var ticks: [Double] = []
        var tick = (lower / step - 1e-9).rounded(.up) * step
        while tick <= upper + step * 1e-9 && ticks.count < 50 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// Widens a linear domain outwards to whole multiples of its tick step, which the
    /// ticks then keep.
    mutating func nice(target: Int) {
        guard !logarithmic else { return }
        let step = step(target: target)
        lower = (lower / step + 1e-9).rounded(.down) * step
        upper = (upper / step - 1e-9).rounded(.up) * step
        chosenStep = step
    }

    /// 1, 2 or 5 × 10ᵏ, the nice number nearest to `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        return nice * magnitude
    }

    /// The finite extent of `values`, or `nil` if none is finite.
    static func extent<S: Sequence>(_ values: S) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

/// Writes tick labels and values in a ``ValueStyle`` with as many decimals as the tick
/// step needs.
struct ValueFormatter {
    let style: ValueStyle
    let decimals: Int

    /// A formatter whose precision fits a tick step (in the value's own unit).
    init(style: ValueStyle, step: Double) {
        self.style = style
        let shown = style == .percent ? step * 100 : step
        let digits = shown.isFinite && shown > 0 ? Int(max(0, -floor(log10(shown) + 1e-9))) : 1
        decimals = min(digits, 4)
    }

    /// The value as text, e.g. `25%` or `0.35`.
    func string(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let value = value == 0 ? 0 : value
        if style == .percent { return String(format: "%.\(decimals)f%%", value * 100) }
        if abs(value) >= 1e6 { return String(format: "%.3g", value) }
        return String(format: "%.\(decimals)f", value)
    }
}
