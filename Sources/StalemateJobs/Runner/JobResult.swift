import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateCore
import StalemateScenario

/// What a finished job computed. Each case keeps what the front ends render (tables, CSV,
/// reports) and what the store keeps (weekly aggregates, result rows).
public enum JobResult: Sendable {
    case run(EnsembleSummary, EnsembleAccumulator)
    case explain(Explanation, EnsembleAccumulator)
    /// The comparison, every arm's runs and tallies, and the arms' names (baseline first).
    case compare(Comparison, Experiment.Outcome, arms: [String])
    case sweep(SweepOutput)
    case sensitivity(SensitivityJob.Result)
    case backtest(BacktestResult, EnsembleAccumulator, notes: [String])
    case calibrate(CalibrationOutput)
    case fit(LanchesterFitReport)
    case analyze(AnalyzeOutput)

    /// The result's JSON document: what `--format json` prints and the store keeps.
    public func json() throws -> String {
        switch self {
        case .run(let s, _): try SummaryFormatter.json(s)
        case .explain(let x, _): try x.json()
        case .compare(let c, _, _): try ComparisonFormatter.json(c)
        case .sweep(let s): try s.job.json(rows: s.rows)
        case .sensitivity(let r): try StableJSON.text(r) + "\n"
        case .backtest(let r, _, _): try StableJSON.text(r) + "\n"
        case .calibrate(.shipped(let r)): try StableJSON.text(r) + "\n"
        case .calibrate(.fitted(let r)): try StableJSON.text(r) + "\n"
        case .fit(let r): try r.json()
        case .analyze(let a): try StableJSON.text(a.document) + "\n"
        }
    }
}

/// A finished sweep: its job (for writing CSV or JSON) and its rows in point order.
public struct SweepOutput: Sendable {
    public let job: SweepJob
    public let rows: [SweepRow]
}

/// A calibration: the shipped two-fit calibration of interstate-generic, or a fit of given
/// parameters.
public enum CalibrationOutput: Sendable {
    case shipped(InterstateCalibrationReport)
    case fitted(CalibrationResult)
}

/// The parts of an analysis, for the Markdown report the front end writes.
public struct AnalyzeOutput: Sendable {
    public let analysis: ClaimsAnalysis
    public let comparison: Comparison
    public let outcome: Experiment.Outcome
    /// The backtest, when the job has one.
    public let backtest: BacktestResult?
    /// The parameter-uncertainty section, when the job asks for one and the scenario has
    /// assumptions.
    public let uncertainty: UncertaintyJob.Result?
    public let morris: SensitivityJob.Result?

    /// The JSON form (schema `stalemate.analysis/1`).
    public struct Document: Encodable {
        public var schema = "stalemate.analysis/1"
        public var comparison: Comparison
        public var backtest: BacktestResult?
        public var uncertainty: UncertaintyJob.Result?
        public var morris: SensitivityJob.Result?
    }

    public var document: Document {
        Document(comparison: comparison, backtest: backtest, uncertainty: uncertainty, morris: morris)
    }
}
