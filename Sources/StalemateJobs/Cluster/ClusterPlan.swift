import Foundation
import StalemateAnalysis
import StalemateCalibration
import StalemateScenario
import StalemateStatistics

/// A job cut into tasks for a scheduler (`stalemate plan`, schema `stalemate.plan/1`,
/// docs/cluster.md). A task is a range of the job's units: chunks of `chunkSize` runs for a
/// run or a comparison (run `i` of every arm uses the random stream of (seed, i) wherever it
/// is simulated), points for a sweep. Merged in unit order, the tasks' shards give the bytes of
/// the job run in one process.
public struct ClusterPlan: Codable, Sendable, Equatable {
    public static let schema = "stalemate.plan/1"
    /// The kinds a plan can cut.
    public static let kinds = ["run", "compare", "sweep", "sensitivity", "calibrate"]

    public struct Task: Codable, Sendable, Equatable {
        public var index: Int
        /// The task's units, `from ..< to`.
        public var from: Int
        public var to: Int
    }

    public var schema: String
    public var program: String
    /// The job's identity (SHA-256 of its canonical JSON), checked against `job` when read.
    public var identity: String
    /// `chunks` (run, compare) or `points` (sweep, sensitivity, a calibration's scan).
    public var unit: String
    public var units: Int
    public var chunkSize: Int
    public var tasks: [Task]
    /// The plan's own identity (job, unit, chunk size, task ranges): every shard carries it.
    public var plan: String
    public var job: JobSpec

    /// Cuts `spec` into `tasks` tasks of (nearly) equal numbers of units.
    public static func make(_ spec: JobSpec, tasks count: Int, chunkSize: Int = JobRunner.defaultChunkSize)
        throws -> ClusterPlan
    {
        let (unit, units) = try Self.units(of: spec, chunkSize: chunkSize)
        guard count >= 1 else { throw JobError("plan: --tasks must be at least 1 (got \(count))") }
        guard count <= units else {
            throw JobError(
                "plan: --tasks \(count) but the job has only \(units) \(unit) (\(unit == "chunks" ? "of \(chunkSize) runs" : "of the design")): use at most \(units) tasks"
            )
        }
        let ranges = (0..<count).map { i in Task(index: i, from: i * units / count, to: (i + 1) * units / count) }
        let identity = try spec.identity()
        return ClusterPlan(
            schema: schema, program: "stalemate \(StalemateVersion.current)", identity: identity, unit: unit,
            units: units, chunkSize: chunkSize, tasks: ranges,
            plan: Self.planID(identity: identity, unit: unit, units: units, chunkSize: chunkSize, tasks: ranges),
            job: spec)
    }

    /// What a job's tasks divide, and how many of them there are.
    static func units(of spec: JobSpec, chunkSize: Int) throws -> (String, Int) {
        switch spec {
        case .run(let r):
            let job = try r.resolve()
            return ("chunks", (job.runs + chunkSize - 1) / chunkSize)
        case .compare(let c):
            let runs = c.ensemble.runs
            return ("chunks", (runs + chunkSize - 1) / chunkSize)
        case .sweep(let s):
            let scenario = try s.scenario.load()
            let job = try SweepJob(
                scenario: scenario, overrides: s.ensemble.overrides, parameters: s.parameters, kind: s.design,
                points: s.points, runs: s.ensemble.runs, seed: s.ensemble.seed, weeks: s.ensemble.weeks, threads: 1)
            return ("points", job.design.values.count)
        case .sensitivity(let s):
            return ("points", try ClusterTask.sensitivityJob(s, threads: 1).points.count)
        case .calibrate(let c):
            guard !c.parameters.isEmpty else {
                throw JobError(
                    "plan: the shipped calibration of interstate-generic is not cut into tasks; give the parameters to fit with --param, whose scan the tasks share"
                )
            }
            let calibration = try c.calibration(scenario: try c.scenario.load(), threads: 1)
            return ("points", calibration.scanPoints)
        default:
            throw JobError(
                "plan: \(spec.kind) jobs cannot be cut into tasks yet; the cluster runner takes \(kinds.joined(separator: ", ")) jobs (docs/cluster.md)"
            )
        }
    }

    static func planID(identity: String, unit: String, units: Int, chunkSize: Int, tasks: [Task]) -> String {
        let ranges = tasks.map { "\($0.index):\($0.from)-\($0.to)" }.joined(separator: ",")
        return SourceHash.hex("stalemate.plan/1|\(identity)|\(unit)|\(units)|\(chunkSize)|\(ranges)")
    }

    /// The plan in `path`, checked: it must be a plan this program wrote, unchanged.
    public static func load(_ path: String) throws -> ClusterPlan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw JobError(
                "cannot read the plan \(path): \(FileReadProblem.missing(path) ?? "\(error.localizedDescription)")")
        }
        let plan: ClusterPlan
        do { plan = try JSONDecoder().decode(ClusterPlan.self, from: data) } catch {
            throw JobError(
                "\(path) is not a plan of stalemate \(StalemateVersion.current) (\(JobSpec.decodingProblem(error))): make it with `stalemate plan`"
            )
        }
        let remake = "make it again with `stalemate plan …` (and run its tasks again)"
        guard plan.schema == schema else {
            throw JobError("\(path): schema \(plan.schema), expected \(schema): \(remake)")
        }
        guard (try? plan.job.identity()) == plan.identity else {
            throw JobError(
                "\(path): its job does not match its identity \(plan.identity.prefix(12)) (edited by hand?): \(remake)")
        }
        let expected = try? Self.units(of: plan.job, chunkSize: plan.chunkSize)
        guard let expected, expected.0 == plan.unit, expected.1 == plan.units, plan.chunkSize >= 1 else {
            throw JobError("\(path): its units do not match its job (edited by hand?): \(remake)")
        }
        var next = 0
        for (i, task) in plan.tasks.enumerated() {
            guard task.index == i, task.from == next, task.to > task.from else {
                throw JobError("\(path): task \(i) does not follow the task before it (edited by hand?): \(remake)")
            }
            next = task.to
        }
        guard next == plan.units, !plan.tasks.isEmpty else {
            throw JobError(
                "\(path): its tasks do not cover the job's \(plan.units) \(plan.unit) (edited by hand?): \(remake)")
        }
        let id = planID(
            identity: plan.identity, unit: plan.unit, units: plan.units, chunkSize: plan.chunkSize, tasks: plan.tasks)
        guard id == plan.plan else {
            throw JobError("\(path): its plan identity does not match its tasks (edited by hand?): \(remake)")
        }
        return plan
    }

    /// The plan as the file `stalemate plan -o` writes.
    public func json() throws -> String { try StableJSON.text(self) + "\n" }

    /// The shard file of task `index` in `folder`.
    public static func shardPath(_ folder: String, task index: Int) -> String {
        (folder as NSString).appendingPathComponent("task-\(index).json")
    }
}
