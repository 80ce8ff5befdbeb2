import StalemateAnalysis
import StalemateCore
import StalemateStatistics

/// The results of `stalemate backtest --format json`: schema `stalemate.backtest/1`,
/// documented in docs/backtest.md. Weeks count from the scenario's week 0 (the forecast
/// origin); the horizon of an observation is its week.
public struct BacktestResult: Codable, Sendable, Equatable {
    public static let schema = "stalemate.backtest/1"
    /// The bands of horizons the scores are averaged over (the last is open-ended).
    public static let bandLimits: [(from: Int, to: Int?)] = [(1, 4), (5, 13), (14, 26), (27, 52), (53, nil)]
    /// Probabilities are clipped to [ε, 1 − ε] in the log score.
    public static let logEpsilon = 0.001

    public var schema = BacktestResult.schema
    public var scenario: EnsembleSummary.ScenarioInfo
    public var settings: EnsembleSummary.Settings
    public var observed: ObservedInfo
    public var baselines: Baselines
    /// The observation of week 0 against the scenario's starting state, when there is one
    /// (not a forecast: the same in every run; not in any score).
    public var origin: Origin?
    /// One row per scored week (weeks 1 … horizon that have an observation).
    public var weeks: [WeekRow]
    /// Scores averaged over the weeks of each band that has observations.
    public var bands: [ScoreSet]
    /// Scores averaged over every scored week.
    public var summary: ScoreSet
    /// A diagnostic, not a forecast: the same scores with every run shifted by the week-0
    /// difference, as if the scenario had started on the observed value. It separates the
    /// error of the starting state from that of the model's movement and spread. Continuous
    /// observables with a week-0 observation only.
    public var anchored: ScoreSet?
    /// What was left out or mapped, as printed on stderr.
    public var notes: [String]
    /// The ensemble the forecasts come from, as `stalemate run --format json` prints it.
    public var ensemble: EnsembleSummary

    public struct ObservedInfo: Codable, Sendable, Equatable {
        /// The CSV file as given, its value column and the factor its values were multiplied by.
        public var file: String
        public var column: String
        public var scale: Double
        /// The observable's name (`occupied.A`) and what it measures.
        public var observable: String
        public var label: String
        public var binary: Bool
        /// The scenario's week 0, when it has a start date.
        public var startDate: String?
        /// Rows read, scored, before week 0 (baselines only) and past the horizon (ignored).
        public var rows: Int
        public var scored: Int
        public var beforeOrigin: Int
        public var pastHorizon: Int
    }

    public struct Origin: Codable, Sendable, Equatable {
        public var observed: Double
        public var scenario: Double
        /// scenario − observed.
        public var difference: Double
    }

    /// One forecaster's forecast of one week and its scores.
    public struct Forecast: Codable, Sendable, Equatable {
        public var median: Double
        /// Quantiles 5%, 25%, 75%, 95%: the 90% and 50% central intervals.
        public var q05: Double
        public var q25: Double
        public var q75: Double
        public var q95: Double
        /// The fair CRPS (model) or the closed-form CRPS of the normal forecast (baselines).
        public var crps: Double
        /// The PIT as a range (a point when both ends agree).
        public var pit: [Double]
        public var in50: Bool
        public var in90: Bool
        public var intervalScore50: Double
        public var intervalScore90: Double
        /// Binary observables: the forecast probability of 1, its Brier and log scores.
        public var probability: Double?
        public var brier: Double?
        public var log: Double?
    }

    public struct WeekRow: Codable, Sendable, Equatable {
        public var week: Int
        public var date: String?
        public var observed: Double
        public var model: Forecast
        public var persistence: Forecast
        public var trend: Forecast
    }

    /// The three forecasters' values of one score.
    public struct Triple: Codable, Sendable, Equatable {
        public var model: Double
        public var persistence: Double
        public var trend: Double
    }

    public struct Coverage: Codable, Sendable, Equatable {
        /// Share of observations inside the central 50% and 90% intervals.
        public var p50: Double
        public var p90: Double
    }

    /// 1 − score_model / score_baseline: above 0 the model beats the baseline, 1 is perfect.
    public struct Skill: Codable, Sendable, Equatable {
        public var persistence: Double?
        public var trend: Double?
    }

    public struct PIT: Codable, Sendable, Equatable {
        public var bins: Int
        /// Share of observations in each bin; 1/bins each under calibration.
        public var model: [Double]
        public var persistence: [Double]
        public var trend: [Double]
    }

    /// Scores over a set of weeks: the whole series (`summary`) or a band of horizons.
    public struct ScoreSet: Codable, Sendable, Equatable {
        /// The band, e.g. "1-4" and its weeks (`toWeek` nil: open-ended); nil in `summary`.
        public var band: String?
        public var fromWeek: Int?
        public var toWeek: Int?
        /// Number of observed weeks scored.
        public var weeks: Int
        /// Mean CRPS of each forecaster (observable units).
        public var crps: Triple
        /// CRPS skill of the model against each baseline.
        public var skill: Skill
        /// The model's interval coverage and mean interval scores.
        public var coverage: Coverage
        public var intervalScore: Coverage
        public var baselineCoverage: BaselineCoverage
        /// Binary observables: mean Brier and log scores, and the model's skill in Brier.
        public var brier: Triple?
        public var log: Triple?
        public var brierSkill: Skill?
        /// The PIT histograms (summary only).
        public var pit: PIT?
    }

    public struct BaselineCoverage: Codable, Sendable, Equatable {
        public var persistence: Coverage
        public var trend: Coverage
    }
}

extension BacktestResult {
    /// Scores over `rows` (non-empty).
    static func scores(_ rows: [WeekRow], binary: Bool, band: (name: String, from: Int, to: Int?)?, withPIT: Bool)
        -> ScoreSet
    {
        let n = Double(rows.count)
        func mean(_ f: (WeekRow) -> Double) -> Double { rows.map(f).reduce(0, +) / n }
        func triple(_ f: (Forecast) -> Double) -> Triple {
            Triple(model: mean { f($0.model) }, persistence: mean { f($0.persistence) }, trend: mean { f($0.trend) })
        }
        func share(_ f: (WeekRow) -> Bool) -> Double { Double(rows.filter(f).count) / n }
        func skill(_ t: Triple) -> Skill {
            Skill(
                persistence: t.persistence > 0 ? 1 - t.model / t.persistence : nil,
                trend: t.trend > 0 ? 1 - t.model / t.trend : nil)
        }
        let crps = triple(\.crps)
        let brier = binary ? triple { $0.brier ?? 0 } : nil
        var pit: PIT? = nil
        if withPIT {
            var histograms = [PITHistogram(), PITHistogram(), PITHistogram()]
            for r in rows {
                for (i, f) in [r.model, r.persistence, r.trend].enumerated() { histograms[i].add(f.pit[0]...f.pit[1]) }
            }
            pit = PIT(
                bins: 10, model: histograms[0].shares, persistence: histograms[1].shares, trend: histograms[2].shares)
        }
        return ScoreSet(
            band: band?.name, fromWeek: band?.from, toWeek: band?.to, weeks: rows.count, crps: crps,
            skill: skill(crps),
            coverage: Coverage(p50: share { $0.model.in50 }, p90: share { $0.model.in90 }),
            intervalScore: Coverage(p50: mean { $0.model.intervalScore50 }, p90: mean { $0.model.intervalScore90 }),
            baselineCoverage: BaselineCoverage(
                persistence: Coverage(p50: share { $0.persistence.in50 }, p90: share { $0.persistence.in90 }),
                trend: Coverage(p50: share { $0.trend.in50 }, p90: share { $0.trend.in90 })),
            brier: brier, log: binary ? triple { $0.log ?? 0 } : nil, brierSkill: brier.map(skill), pit: pit)
    }

    /// The model's forecast of an observation `y` from its runs' values, sorted. A binary
    /// observable's runs give the probability of 1 (their mean) and a Bernoulli forecast.
    static func ensembleForecast(sorted x: [Double], _ y: Double, binary: Bool) -> Forecast {
        let crps = ForecastScores.crpsFair(sorted: x, y)
        if binary { return bernoulliForecast(probability: x.reduce(0, +) / Double(x.count), y, crps: crps) }
        let q = { Quantile.type7(sorted: x, $0) }
        let (q05, q25, q75, q95) = (q(0.05), q(0.25), q(0.75), q(0.95))
        let pit = ForecastScores.pitRange(sorted: x, y)
        return Forecast(
            median: q(0.5), q05: q05, q25: q25, q75: q75, q95: q95, crps: crps,
            pit: [pit.lowerBound, pit.upperBound], in50: q25 <= y && y <= q75, in90: q05 <= y && y <= q95,
            intervalScore50: ForecastScores.intervalScore(lower: q25, upper: q75, alpha: 0.5, y),
            intervalScore90: ForecastScores.intervalScore(lower: q05, upper: q95, alpha: 0.1, y))
    }

    /// A baseline's forecast N(mean, sd²) of `y`; for a binary observable, the Bernoulli
    /// forecast whose probability of 1 is the mean clipped to [0, 1].
    static func normalForecast(mean: Double, sd: Double, _ y: Double, binary: Bool) -> Forecast {
        if binary {
            let p = min(1, max(0, mean))
            return bernoulliForecast(probability: p, y, crps: ForecastScores.brier(probability: p, y))
        }
        let z50 = ForecastScores.z75 * sd
        let z90 = ForecastScores.z95 * sd
        let pit = ForecastScores.pitRangeNormal(mean: mean, sd: sd, y)
        return Forecast(
            median: mean, q05: mean - z90, q25: mean - z50, q75: mean + z50, q95: mean + z90,
            crps: ForecastScores.crpsNormal(mean: mean, sd: sd, y), pit: [pit.lowerBound, pit.upperBound],
            in50: abs(y - mean) <= z50, in90: abs(y - mean) <= z90,
            intervalScore50: ForecastScores.intervalScore(lower: mean - z50, upper: mean + z50, alpha: 0.5, y),
            intervalScore90: ForecastScores.intervalScore(lower: mean - z90, upper: mean + z90, alpha: 0.1, y))
    }

    /// A forecast that the binary outcome is 1 with probability `p`: its quantiles are 0 or 1,
    /// its PIT the range [F(y−), F(y)] (Czado, Gneiting & Held 2009).
    static func bernoulliForecast(probability p: Double, _ y: Double, crps: Double) -> Forecast {
        func q(_ level: Double) -> Double { level <= 1 - p ? 0 : 1 }
        let (q05, q25, q75, q95) = (q(0.05), q(0.25), q(0.75), q(0.95))
        let pit = y < 0.5 ? [0, 1 - p] : [1 - p, 1]
        return Forecast(
            median: q(0.5), q05: q05, q25: q25, q75: q75, q95: q95, crps: crps, pit: pit,
            in50: q25 <= y && y <= q75, in90: q05 <= y && y <= q95,
            intervalScore50: ForecastScores.intervalScore(lower: q25, upper: q75, alpha: 0.5, y),
            intervalScore90: ForecastScores.intervalScore(lower: q05, upper: q95, alpha: 0.1, y),
            probability: p, brier: ForecastScores.brier(probability: p, y),
            log: ForecastScores.logScore(probability: p, y, epsilon: logEpsilon))
    }
}
