import Foundation
import StalemateAnalysis
import StalemateStatistics

/// The two naive forecasts a backtest scores the model against, both made at the forecast
/// origin (week 0) from the observations at or before it (docs/backtest.md).
///
/// - Persistence: the last observed value, spreading as a random walk without drift,
///   N(y₀, h s²), where s² is the variance per week of the changes observed before the
///   origin (Σ Δy² / Σ Δweeks). With a single observation it is a point forecast.
/// - Trend: the least-squares line through the observations from `--trend-from` to the
///   origin, with the normal prediction interval of the fit, N(a + b w, s² (1 + 1/n +
///   (w − w̄)² / Sxx)) (s: the residual standard deviation, n − 2 degrees of freedom).
///   With two observations it is a point forecast; with one, persistence.
///
/// Binary observables use the same lines as probabilities, clipped to [0, 1].
public struct Baselines: Sendable, Equatable, Codable {
    public struct Persistence: Sendable, Equatable, Codable {
        /// The origin's value, y₀, and the week it was observed.
        public var value: Double
        public var week: Int
        /// Standard deviation of one week's change (0: a point forecast).
        public var weeklySD: Double
        /// Observations the spread was estimated from.
        public var points: Int
    }

    public struct Trend: Sendable, Equatable, Codable {
        public var intercept: Double
        /// Change per week.
        public var slope: Double
        /// Residual standard deviation (0: a point forecast).
        public var residualSD: Double
        /// The weeks the line was fitted to, and how many observations they held.
        public var fromWeek: Int
        public var toWeek: Int
        public var points: Int
        var meanWeek: Double
        var sxx: Double
    }

    public var persistence: Persistence
    public var trend: Trend

    /// Fits both from `points` (week, value), using those at or before week 0 (the trend
    /// only those from `trendFrom` on). Nil when no observation is at or before week 0.
    public init?(points all: [(week: Int, value: Double)], trendFrom: Int?) {
        let before = all.filter { $0.week <= 0 }.sorted { $0.week < $1.week }
        guard let last = before.last else { return nil }
        var squares = 0.0
        var span = 0
        for (p, q) in zip(before, before.dropFirst()) {
            squares += (q.value - p.value) * (q.value - p.value)
            span += q.week - p.week
        }
        persistence = Persistence(
            value: last.value, week: last.week, weeklySD: span > 0 ? (squares / Double(span)).squareRoot() : 0,
            points: before.count)
        let fit = before.filter { $0.week >= (trendFrom ?? Int.min) }
        let used = fit.isEmpty ? [last] : fit
        let n = Double(used.count)
        let meanWeek = used.map { Double($0.week) }.reduce(0, +) / n
        let meanValue = used.map(\.value).reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for p in used {
            sxx += (Double(p.week) - meanWeek) * (Double(p.week) - meanWeek)
            sxy += (Double(p.week) - meanWeek) * (p.value - meanValue)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        let intercept = meanValue - slope * meanWeek
        var residuals = 0.0
        for p in used {
            let r = p.value - (intercept + slope * Double(p.week))
            residuals += r * r
        }
        trend = Trend(
            intercept: intercept, slope: slope,
            residualSD: used.count > 2 ? (residuals / (n - 2)).squareRoot() : 0, fromWeek: used.first!.week,
            toWeek: used.last!.week, points: used.count, meanWeek: meanWeek, sxx: sxx)
    }

    /// The persistence forecast of week `w` as (mean, sd).
    public func persistence(week w: Int) -> (mean: Double, sd: Double) {
        (persistence.value, persistence.weeklySD * Double(max(0, w - persistence.week)).squareRoot())
    }

    /// The trend forecast of week `w` as (mean, sd).
    public func trend(week w: Int) -> (mean: Double, sd: Double) {
        let t = trend
        let x = Double(w)
        let spread = t.sxx > 0 ? 1 + 1 / Double(t.points) + (x - t.meanWeek) * (x - t.meanWeek) / t.sxx : 1
        return (t.intercept + t.slope * x, t.residualSD * spread.squareRoot())
    }
}
