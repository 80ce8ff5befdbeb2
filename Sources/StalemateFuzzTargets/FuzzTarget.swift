import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateServer

/// The parsers of outside input, each fed one input as the commands and the server feed it:
/// what the libFuzzer harness (Fuzz/, docs/reliability.md) runs millions of times, and what
/// the regression tests run on every input the fuzzer ever found a problem with. An error
/// thrown is a pass; a crash or a hang is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A scenario YAML file (`ScenarioLoader`, as `stalemate run FILE.yaml`).
    case scenario
    /// `--set key=value`, `--variant name:key=value,…`, `--param` and `--where` values, one
    /// per line; the overrides are then applied to kursk-2024.
    case overrides
    /// The daily-battle CSV of `fit lanchester`.
    case dailyBattle = "daily-battle"
    /// The Correlates of War CSV of `calibrate`.
    case cow
    /// The observed series of `backtest --observed`, by date and by week.
    case observed
    /// A job file (`stalemate.job/1`), as `plan`, `serve` and `resume` read and plan it.
    case job
    /// A cluster plan file, as `task` and `collect` read it.
    case plan
    /// The shard of Fuzz/corpus/plan/plan-duel-one-task.json (one task), as `collect` reads and merges it.
    case shard
    /// The body of `POST /api/jobs` or, after a first byte 1, of `POST /api/story`.
    case request

    static let kursk = try! ScenarioLoader.bundled(name: "kursk-2024")
    static let scratch: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stalemate-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// The plan whose task-0 shard the shard target reads: `STALEMATE_FUZZ_PLAN`, or
    /// Fuzz/corpus/plan/plan-duel-one-task.json under the current folder.
    static let shardPlan: ClusterPlan? = {
        let path =
            ProcessInfo.processInfo.environment["STALEMATE_FUZZ_PLAN"] ?? "Fuzz/corpus/plan/plan-duel-one-task.json"
        return try? ClusterPlan.load(path)
    }()

    /// Feeds `data` to the target's parser; whether it was accepted (read without error).
    @discardableResult
    public func feed(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .scenario:
            return (try? ScenarioLoader.reload(text: text, fileName: "fuzz.yaml")) != nil
        case .overrides:
            var overrides: [Override] = []
            var read = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
                let value = String(line)
                if let o = try? Override(parsing: value) { overrides.append(o) }
                if (try? SweepParameter(parsing: value)) != nil { read += 1 }
                if (try? CompareJob.parseVariant(value)) != nil { read += 1 }
                if (try? Discovery.Condition(parsing: value, metrics: Discovery.metricNames)) != nil { read += 1 }
            }
            let applied = !overrides.isEmpty && (try? Self.kursk.applying(overrides)) != nil
            return read > 0 || applied
        case .dailyBattle:
            return (try? DailyBattleCSV.parse(csv: text)) != nil
        case .cow:
            return (try? CowWars.parse(csv: text)) != nil
        case .observed:
            let dated = (try? ObservedSeries(text: text, file: "fuzz.csv", start: Self.kursk.startDate)) != nil
            let weekly =
                (try? ObservedSeries(text: text, file: "fuzz.csv", column: "occupied_km2", scale: 0.001, start: nil))
                != nil
            let binary = (try? ObservedSeries(text: text, file: "fuzz.csv", start: nil, binary: true)) != nil
            return dated || weekly || binary
        case .job:
            // Planned as `stalemate plan` plans it: the scenario loaded, overrides applied,
            // the design drawn; nothing simulated.
            guard let spec = try? JobSpec.decode(json: text), (try? spec.identity()) != nil else { return false }
            return (try? ClusterPlan.make(spec, tasks: 1)) != nil
        case .plan:
            let path = Self.scratch + "/plan.json"
            FileManager.default.createFile(atPath: path, contents: data)
            return (try? ClusterPlan.load(path)) != nil
        case .shard:
            guard let plan = Self.shardPlan else { return false }
            let folder = Self.scratch + "/shards"
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = ClusterPlan.shardPath(folder, task: 0)
            // Signed afresh: a mutated shard otherwise stops at its checksum. What a signed
            // shard holds is then collected: checked against the plan's job, then merged.
            FileManager.default.createFile(atPath: path, contents: ClusterShard.resigned(data) ?? data)
            guard let work = try? ClusterTask.restored(plan, from: folder) else { return false }
            let runner = JobRunner(threads: 1, chunkSize: plan.chunkSize)
            return (try? runner.run(plan.job, sinks: [ShardSource(work)])) != nil
        case .request:
            let story = data.first == 1
            return RequestBodies.problem(
                path: story ? "/api/story" : "/api/jobs",
                body: story ? String(decoding: data.dropFirst(), as: UTF8.self) : text) == nil
        }
    }
}
