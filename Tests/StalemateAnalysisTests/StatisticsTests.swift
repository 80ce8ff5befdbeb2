import Foundation
import StalemateAnalysis
import StalemateStatistics
import Testing

@Suite("Statistics")
struct StatisticsTests {
    /// Wilson (1927) interval; reference values from Newcombe (1998), Table I (method 3):
    /// 81/263 → [0.2553, 0.3662]; 15/148 → [0.0624, 0.1605]; 0/20 → [0, 0.1611].
    @Test(arguments: [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611)])
    func wilsonMatchesNewcombe(count: Int, n: Int, lower: Double, upper: Double) {
        let p = Proportion(count: count, trials: n)
        #expect(abs(p.lower - lower) < 5e-5)
        #expect(abs(p.upper - upper) < 5e-5)
    }

    /// Kaplan–Meier by hand: 6 subjects, events at 1, 2, 2, censored at 3, event at 4, censored at 5.
    /// S(1) = 5/6, S(2) = 5/6 · 3/5 = 1/2, S(4) = 1/2 · 1/2 = 1/4.
    @Test func kaplanMeierByHand() {
        var km = KaplanMeier(maxWeek: 5)
        for w in [1, 2, 2, 4] { km.addEvent(atWeek: w) }
        km.addCensored(atWeek: 3)
        km.addCensored(atWeek: 5)
        let c = km.curve()
        #expect(abs(c[1].survival - 5.0 / 6) < 1e-12)
        #expect(abs(c[2].survival - 0.5) < 1e-12)
        #expect(abs(c[3].survival - 0.5) < 1e-12)
        #expect(abs(c[4].survival - 0.25) < 1e-12)
        #expect(km.quantile(0.5) == 2)
        #expect(km.quantile(0.8) == nil)
        // Greenwood at week 2: Σ d/(n(n-d)) = 1/(6·5) + 2/(5·3).
        let g = 1.0 / 30 + 2.0 / 15
        let se = g.squareRoot() / abs(log(0.5))
        let lower = exp(-exp(log(-log(0.5)) + 1.959963984540054 * se))
        #expect(abs(c[2].lower - lower) < 1e-12)
        #expect(c[2].lower < 0.5 && c[2].upper > 0.5)
    }

    @Test func histogramQuantilesWithinOneBin() {
        var h = Histogram(lower: 0, upper: 1, bins: 1000)
        for i in 0..<10_000 { h.add((Double(i) + 0.5) / 10_000) }
        #expect(abs((h.quantile(0.5) ?? -1) - 0.5) <= 0.001)
        #expect(abs((h.quantile(0.25) ?? -1) - 0.25) <= 0.001)
        var log = Histogram(lower: 1e-3, upper: 1e6, bins: 9 * 200, scale: .logarithmic)
        for x in [1.0, 10, 100, 1000, 10_000] { log.add(x) }
        let median = log.quantile(0.5) ?? 0
        #expect(median > 100 / 1.02 && median < 100 * 1.02)
    }

    @Test func welfordMergeEqualsOnePass() {
        var all = MeanAccumulator()
        var left = MeanAccumulator()
        var right = MeanAccumulator()
        for i in 0..<100 {
            let x = Double(i * i % 17)
            all.add(x)
            if i < 40 { left.add(x) } else { right.add(x) }
        }
        left.merge(right)
        #expect(abs(left.mean - all.mean) < 1e-12)
        #expect(abs(left.variance - all.variance) < 1e-10)
    }
}
