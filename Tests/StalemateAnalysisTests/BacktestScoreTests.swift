import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateStatistics
import StalemateTestSupport
import Testing

@Suite("Forecast scores")
struct BacktestScoreTests {
    /// A fixed ensemble and observations, with the values scoringrules 0.10.0 (PyPI,
    /// `sr.crps_ensemble(y, ens, estimator="fair")` and `estimator="nrg"`) and properscoring
    /// 0.1 (`ps.crps_ensemble`, the same as nrg) gave for them, numpy 2.4.6.
    static let ensemble = [3.1, -0.4, 2.2, 0.9, 5.0, 1.7, 1.7, -2.3, 4.4, 0.0]
    static let reference: [(y: Double, fair: Double, nrg: Double)] = [
        (0.5, 0.651111111111111, 0.7829999999999999),
        (1.7, 0.3311111111111109, 0.46299999999999986),
        (6.0, 3.051111111111111, 3.183),
        (-3.0, 3.311111111111111, 3.4429999999999996),
    ]

    @Test func ensembleCRPSMatchesScoringrules() {
        let sorted = Self.ensemble.sorted()
        for r in Self.reference {
            #expect(abs(ForecastScores.crpsFair(sorted: sorted, r.y) - r.fair) < 1e-12)
            #expect(abs(ForecastScores.crpsEnsemble(sorted: sorted, r.y) - r.nrg) < 1e-12)
        }
    }

    /// scoringrules 0.10.0 `sr.crps_normal(y, mu, sigma)` (properscoring's `crps_gaussian`
    /// agrees to 1e-15).
    @Test func normalCRPSMatchesScoringrules() {
        let cases: [(mu: Double, sd: Double, y: Double, crps: Double)] = [
            (0, 1, 0.3, 0.2693329006866634), (2, 0.5, 3.4, 1.118666294883904), (-1, 3, -7, 4.35837546505771),
        ]
        for c in cases {
            #expect(abs(ForecastScores.crpsNormal(mean: c.mu, sd: c.sd, c.y) - c.crps) < 1e-12)
        }
        #expect(ForecastScores.crpsNormal(mean: 2, sd: 0, 5) == 3)
    }

    /// The closed form against the definition, CRPS = ∫ (F(x) − 1{x ≥ y})² dx, integrated
    /// numerically (midpoint rule over ±12 sd, 100,000 steps on each side of y).
    @Test(arguments: [(0.0, 1.0, 0.0), (1.0, 2.0, -2.5), (-3.0, 0.7, 4.0)])
    func normalCRPSIsTheIntegralOfItsDefinition(mu: Double, sd: Double, y: Double) {
        // Split at y, where the integrand jumps, so the midpoint rule's error is O(h²).
        func integrate(_ lo: Double, _ hi: Double) -> Double {
            let steps = 100_000
            let h = (hi - lo) / Double(steps)
            var sum = 0.0
            for i in 0..<steps {
                let x = lo + (Double(i) + 0.5) * h
                let f = ForecastScores.normalCDF((x - mu) / sd) - (x >= y ? 1 : 0)
                sum += f * f * h
            }
            return sum
        }
        let integral = integrate(min(mu - 12 * sd, y - 1), y) + integrate(y, max(mu + 12 * sd, y + 1))
        #expect(abs(integral - ForecastScores.crpsNormal(mean: mu, sd: sd, y)) < 1e-6)
    }

    /// The O(m log m) forms against the O(m²) definitions on small random ensembles.
    @Test func ensembleCRPSEqualsTheDirectSum() {
        var random = TestRandom(state: 7)
        for m in [1, 2, 3, 7, 50] {
            let x = (0..<m).map { _ in random.normal() * 3 + 100 }
            let y = random.normal() * 3 + 100
            var first = 0.0
            var pairs = 0.0
            for a in x {
                first += abs(a - y)
                for b in x { pairs += abs(a - b) }
            }
            let mm = Double(m)
            let nrg = first / mm - pairs / (2 * mm * mm)
            let fair = m > 1 ? first / mm - pairs / (2 * mm * (mm - 1)) : first
            #expect(abs(ForecastScores.crpsEnsemble(sorted: x.sorted(), y) - nrg) < 1e-9)
            #expect(abs(ForecastScores.crpsFair(sorted: x.sorted(), y) - fair) < 1e-9)
        }
    }

    /// The fair CRPS of m draws from F is unbiased for the CRPS of F (Ferro 2014); the plain
    /// ensemble CRPS is not. 20,000 ensembles of 5 draws from N(0, 1), y = 0.4: the mean of
    /// the fair score lies within 3 SE of the closed form, and the bias of the plain one,
    /// E|X − X'|/(2m) = 1/(m√π) = 0.113, is over 10 SE.
    @Test func fairCRPSIsUnbiasedForSmallEnsembles() {
        var random = TestRandom(state: 20_240_806)
        let y = 0.4
        let n = 20_000
        var fair: [Double] = []
        var plain: [Double] = []
        for _ in 0..<n {
            let x = (0..<5).map { _ in random.normal() }.sorted()
            fair.append(ForecastScores.crpsFair(sorted: x, y))
            plain.append(ForecastScores.crpsEnsemble(sorted: x, y))
        }
        let mean = fair.reduce(0, +) / Double(n)
        let sd = (fair.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
        let se = sd / Double(n).squareRoot()
        let exact = ForecastScores.crpsNormal(mean: 0, sd: 1, y)
        #expect(abs(mean - exact) < 3 * se)
        let plainMean = plain.reduce(0, +) / Double(n)
        #expect(plainMean - exact > 10 * se)
    }

    /// numpy 2.4.6 `np.quantile(ens, [0.05, 0.25, 0.5, 0.75, 0.95])` (method "linear").
    @Test func quantilesMatchNumpy() {
        let sorted = Self.ensemble.sorted()
        let expected = [-1.4449999999999998, 0.225, 1.7, 2.875, 4.7299999999999995]
        for (p, e) in zip([0.05, 0.25, 0.5, 0.75, 0.95], expected) {
            #expect(abs(Quantile.type7(sorted: sorted, p) - e) < 1e-12)
        }
    }

    /// For observations drawn from the forecast's own distribution the PIT histogram is flat:
    /// 4,000 cases of a 19-member ensemble of N(0, 1) draws and an N(0, 1) observation; each
    /// of the 10 bins holds 10% within 4 binomial SE (0.47 points each). A forecast too narrow
    /// (sd 0.5) piles the PIT into the outer bins, more than 10 SE above 10%.
    @Test func pitIsUniformForCalibratedForecasts() {
        var random = TestRandom(state: 99)
        let n = 4_000
        var calibrated = PITHistogram()
        var narrow = PITHistogram()
        for _ in 0..<n {
            let x = (0..<19).map { _ in random.normal() }.sorted()
            let y = random.normal()
            calibrated.add(ForecastScores.pitRange(sorted: x, y))
            narrow.add(ForecastScores.pitRange(sorted: x.map { $0 * 0.5 }, y))
        }
        let se = (0.1 * 0.9 / Double(n)).squareRoot()
        #expect(abs(calibrated.count - Double(n)) < 1e-6)
        for share in calibrated.shares { #expect(abs(share - 0.1) < 4 * se) }
        #expect(narrow.shares[0] - 0.1 > 10 * se)
        #expect(narrow.shares[9] - 0.1 > 10 * se)
        // Normal forecasts: Φ(z) of N(0, 1) observations is uniform too.
        var normal = PITHistogram()
        for _ in 0..<n { normal.add(ForecastScores.pitRangeNormal(mean: 0, sd: 1, random.normal())) }
        for share in normal.shares { #expect(abs(share - 0.1) < 4 * se) }
    }

    /// Ties spread the PIT over the ranks the observation could take.
    @Test func pitRangeWithTies() {
        let x = [1.0, 2, 2, 2, 3]
        #expect(ForecastScores.pitRange(sorted: x, 2) == 1.0 / 6...5.0 / 6)
        #expect(ForecastScores.pitRange(sorted: x, 0) == 0...1.0 / 6)
        #expect(ForecastScores.pitRange(sorted: x, 9) == 5.0 / 6...1)
        var h = PITHistogram(bins: 2)
        h.add(0.25...0.75)
        h.add(1...1)
        #expect(h.mass == [0.5, 1.5])
    }

    /// By hand, and as scoringrules 0.10.0 gives them (`sr.brier_score(1, 0.7)` = 0.09,
    /// `sr.log_score(1, 0.7)` = 0.35667494393873245, `sr.interval_score(2.5, 1, 2, 0.1)` = 11).
    @Test func brierLogAndIntervalScoresByHand() {
        #expect(abs(ForecastScores.brier(probability: 0.7, 1) - 0.09) < 1e-15)
        #expect(abs(ForecastScores.brier(probability: 0.7, 0) - 0.49) < 1e-15)
        #expect(abs(ForecastScores.logScore(probability: 0.7, 1, epsilon: 0.001) - 0.35667494393873245) < 1e-15)
        #expect(abs(ForecastScores.logScore(probability: 0.7, 0, epsilon: 0.001) - -log(0.3)) < 1e-15)
        // Clipped: a probability of 0 for what happened scores −ln ε, not infinity.
        #expect(abs(ForecastScores.logScore(probability: 0, 1, epsilon: 0.001) - -log(0.001)) < 1e-15)
        #expect(ForecastScores.intervalScore(lower: 1, upper: 2, alpha: 0.1, 2.5) == 11)
        #expect(ForecastScores.intervalScore(lower: 1, upper: 2, alpha: 0.5, 1.5) == 1)
        #expect(ForecastScores.intervalScore(lower: 1, upper: 2, alpha: 0.5, 0) == 5)
    }

    /// The baselines on the four weeks before kursk-2024's origin and week 0 (thousand km²):
    /// slope, intercept and residual sd as scipy 1.17.1 `linregress` gives them, the prediction
    /// sd at week 10, and the random walk's weekly sd √(ΣΔ²/4), computed with numpy.
    @Test func baselinesFitThePreOriginWeeks() throws {
        let points: [(week: Int, value: Double)] = [
            (-4, 109.361), (-3, 109.392), (-2, 109.425), (-1, 109.468), (0, 109.515), (1, 109.593),
        ]
        let b = try #require(Baselines(points: points, trendFrom: nil))
        #expect(b.persistence.value == 109.515)
        #expect(abs(b.persistence.weeklySD - 0.039076847365159324) < 1e-12)
        #expect(abs(b.persistence(week: 4).sd - 2 * 0.039076847365159324) < 1e-12)
        #expect(abs(b.trend.slope - 0.03840000000000004) < 1e-10)
        #expect(abs(b.trend.intercept - 109.50900000000001) < 1e-10)
        #expect(abs(b.trend.residualSD - 0.006562519841239711) < 1e-10)
        #expect(abs(b.trend(week: 10).sd - 0.025919876542915325) < 1e-10)
        #expect(b.trend.points == 5)
        // From week -2: three points.
        let late = try #require(Baselines(points: points, trendFrom: -2))
        #expect(late.trend.points == 3 && late.trend.fromWeek == -2)
        // One point: persistence as a point forecast, and a flat trend.
        let one = try #require(Baselines(points: [(0, 5)], trendFrom: nil))
        #expect(one.persistence(week: 3).sd == 0 && one.trend(week: 3) == (5, 0))
        #expect(Baselines(points: [(1, 5)], trendFrom: nil) == nil)
    }
}
