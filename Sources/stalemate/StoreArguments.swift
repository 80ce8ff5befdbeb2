import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

extension ExperimentKind: ExpressibleByArgument {}
extension ExperimentStatus: ExpressibleByArgument {}

/// Parses an experiment id (a positive integer).
struct ExperimentID: ExpressibleByArgument {
    let value: Int64
    init?(argument: String) {
        guard let v = Int64(argument), v > 0 else { return nil }
        value = v
    }
}

/// Loads experiment `id` or fails with a message that says where to look.
func loadExperiment(_ id: Int64, from store: Store) throws -> ExperimentInfo {
    guard let info = try store.experiment(id) else {
        throw Message("there is no experiment \(id) in \(store.path): see `stalemate history --store \(store.path)`")
    }
    return info
}

func formatDuration(_ seconds: TimeInterval?) -> String {
    guard let s = seconds else { return "" }
    if s < 60 { return String(format: "%.1fs", s) }
    if s < 3600 { return String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60) }
    return String(format: "%dh%02dm", Int(s) / 3600, (Int(s) % 3600) / 60)
}
