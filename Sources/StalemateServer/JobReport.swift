import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateReport

/// The report of a finished job from its result in memory: the same builder, charts and
/// captions as `stalemate report` on the stored experiment.
enum JobReport {
    static func input(_ result: JobResult) -> ReportInput? {
        switch result {
        case .run(let summary, let accumulator):
            return ReportBuilder.run(summary: summary, accumulator: accumulator)
        case .backtest(let r, let accumulator, _):
            return ReportBuilder.backtest(r, accumulator: accumulator)
        case .compare(let comparison, let outcome, let arms):
            // Each arm's share of runs still at war, week by week.
            let atWar = zip(arms, outcome.accumulators).map { name, acc in
                (
                    name,
                    (0..<comparison.weeks).map { t in
                        acc.runs > 0 ? Double(acc.weekly.atWar(week: t)) / Double(acc.runs) : .nan
                    }
                )
            }
            return ReportBuilder.compare(comparison, atWar: atWar)
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
}
