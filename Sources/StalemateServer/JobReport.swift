import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateJobs
import StalemateReport

/// The report of a finished job from its result in memory: the same builder, charts and
/// captions as `stalemate report` on the stored experiment.
enum JobReport {
    static func input(_ result: JobResult, sides: SidePair<String> = SidePair(a: "A", b: "B")) -> ReportInput? {
        switch result {
        case .run(let summary, let accumulator):
            return ReportBuilder.run(summary: summary, accumulator: accumulator)
        case .backtest(let r, let accumulator, _):
            return ReportBuilder.backtest(r, accumulator: accumulator)
        case .compare(let comparison, let outcome, let arms):
            return ReportBuilder.compare(
                comparison, arms: zip(arms, outcome.accumulators).map { (name: $0, accumulator: $1) }, sides: sides)
        case .sweep(let s):
            // Through its result file, as the stored report reads it.
            guard let text = try? s.job.json(rows: s.rows),
                let f = try? JSONDecoder().decode(SweepJob.ResultFile.self, from: Data(text.utf8))
            else { return nil }
            return ReportBuilder.sweep(
                rows: f.rows, parameters: f.parameters, scenario: f.scenario, runs: f.runs, seed: f.seed)
        case .sensitivity(let r):
            return ReportBuilder.sensitivity(r)
        case .explain, .calibrate, .fit, .analyze:
            return nil
        }
    }

    /// The sides' names of a compare job's scenario (the comparison itself does not carry them).
    static func sides(_ spec: JobSpec) -> SidePair<String> {
        guard case .compare(let c) = spec, let scenario = try? c.scenario.load() else {
            return SidePair(a: "A", b: "B")
        }
        return scenario.model.sideNames
    }
}
