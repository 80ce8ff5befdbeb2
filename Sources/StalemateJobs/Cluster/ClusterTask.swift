import Foundation
import StalemateAnalysis
import StalemateCalibration
import StalemateScenario

/// Running one task of a plan, and merging the shards of all of them.
public enum ClusterTask {
    /// Task `index` of `plan` on `threads` threads: the same chunks or points, built the same
    /// way, as the job run in one process would compute.
    public static func run(_ plan: ClusterPlan, index: Int, threads: Int) throws -> ClusterShard {
        guard plan.tasks.indices.contains(index) else {
            throw JobError("the plan has tasks 0 to \(plan.tasks.count - 1); there is no task \(index)")
        }
        let task = plan.tasks[index]
        let range = task.from..<task.to
        var chunks: [ClusterShard.Chunk] = []
        var points: [SweepRow] = []
        var outputs: [Double]? = nil
        switch plan.job {
        case .run(let r):
            let job = try r.resolve(threads: threads)
            let collected = Locked([ClusterShard.Chunk]())
            _ = Ensemble(
                model: job.compiled, seed: job.seed, runs: job.runs, threads: threads, chunkSize: plan.chunkSize
            ).run(
                preloaded: [:],
                onChunk: { chunk, accumulator, _ in
                    collected.withLock { $0.append(.init(index: chunk, arms: [accumulator], values: nil)) }
                }, only: range, keepRecords: false)
            chunks = collected.withLock { $0 }
        case .compare(let c):
            let scenario = try c.scenario.load()
            let e = c.ensemble
            let job = try CompareJob(
                scenario: scenario, overrides: e.overrides, arms: c.variants.map { ($0.name, $0.overrides) },
                runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
            guard job.experiment.chunkSize == plan.chunkSize else {
                throw JobError(
                    "the plan's chunk size \(plan.chunkSize) is not the comparison's \(job.experiment.chunkSize)")
            }
            let collected = Locked([ClusterShard.Chunk]())
            _ = job.experiment.run(
                only: range,
                onChunk: { chunk, result in
                    collected.withLock {
                        $0.append(.init(index: chunk, arms: result.accumulators, values: result.values))
                    }
                })
            chunks = collected.withLock { $0 }
        case .sweep(let s):
            let scenario = try s.scenario.load()
            let e = s.ensemble
            let job = try SweepJob(
                scenario: scenario, overrides: e.overrides, parameters: s.parameters, kind: s.design, points: s.points,
                runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
            points = try job.execute(only: range)
        case .sensitivity(let s):
            outputs = try sensitivityJob(s, threads: threads).evaluate(only: range)
        case .calibrate(let c):
            // The scan's objective at the task's points; collect runs the Nelder–Mead search.
            let calibration = try c.calibration(scenario: try c.scenario.load(), threads: threads)
            outputs = try calibration.scanValues(
                to: try CowWars.parse(csv: c.target.text).observations(), only: range)
        default:
            throw JobError("the plan's job is a \(plan.job.kind) job, which the cluster runner does not take")
        }
        return ClusterShard(
            schema: ClusterShard.schema, program: "stalemate \(StalemateVersion.current)", plan: plan.plan,
            identity: plan.identity, task: index, from: task.from, to: task.to, chunks: chunks, points: points,
            outputs: outputs, checksum: "")
    }

    /// A sensitivity job built as the runner builds it.
    static func sensitivityJob(_ s: SensitivitySpec, threads: Int) throws -> SensitivityJob {
        let scenario = try s.scenario.load()
        let e = s.ensemble
        return try SensitivityJob(
            scenario: scenario, overrides: e.overrides, parameters: s.parameters, method: s.method,
            metric: s.metric, size: s.size, runs: e.runs, seed: e.seed, weeks: e.weeks, threads: threads)
    }

    /// The tasks of `plan` without a shard in `folder`.
    public static func missing(_ plan: ClusterPlan, in folder: String) -> [Int] {
        plan.tasks.map(\.index).filter {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: ClusterPlan.shardPath(folder, task: $0), isDirectory: &isFolder)
            return !exists || isFolder.boolValue
        }
    }

    /// Every task's shard in `folder`, checked, as the work a runner restores: a job run with
    /// it simulates nothing and gives the bytes of the job run in one process.
    public static func restored(_ plan: ClusterPlan, from folder: String) throws -> RestoredWork {
        let absent = missing(plan, in: folder)
        guard absent.isEmpty else {
            let list = absent.prefix(20).map(String.init).joined(separator: ", ") + (absent.count > 20 ? ", …" : "")
            throw JobError(
                "\(absent.count) of \(plan.tasks.count) tasks have no shard in \(folder): \(list). Run them (`stalemate task JOB.json --index I -o \(folder)`, or `stalemate submit JOB.json --only-missing`), then collect again"
            )
        }
        var work = RestoredWork()
        for task in plan.tasks {
            let shard = try ClusterShard.load(ClusterPlan.shardPath(folder, task: task.index), task: task, of: plan)
            for chunk in shard.chunks {
                switch plan.job {
                case .compare:
                    guard let values = chunk.values else {
                        throw JobError(
                            "the shard of task \(task.index) has no metric values for a comparison: run it again")
                    }
                    work.armChunks[chunk.index] = Experiment.Chunk(values: values, accumulators: chunk.arms)
                default:
                    guard chunk.arms.count == 1 else {
                        throw JobError(
                            "the shard of task \(task.index) has \(chunk.arms.count) arms for a run: run it again")
                    }
                    work.chunks[chunk.index] = chunk.arms[0]
                }
            }
            for row in shard.points { work.points[row.point] = row }
            for (k, mean) in (shard.outputs ?? []).enumerated() { work.outputs[task.from + k] = mean }
        }
        return work
    }
}

/// Hands a runner the work collected from shards.
public final class ShardSource: JobSink {
    let work: RestoredWork
    public init(_ work: RestoredWork) { self.work = work }
    public func begin(_ job: JobContext) throws -> RestoredWork { work }
}
