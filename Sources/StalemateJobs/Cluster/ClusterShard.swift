import Foundation
import StalemateAnalysis
import StalemateScenario
import StalemateStatistics

/// What one task of a plan computed (`stalemate task`, schema `stalemate.shard/1`): the
/// tallies of its chunks (one per arm; a comparison's per-run metric values too) or its sweep
/// points. Written as sorted JSON with exact numbers, so the same task gives the same bytes
/// anywhere; its `checksum` (SHA-256 of the shard with an empty checksum) catches a damaged file.
public struct ClusterShard: Codable, Sendable {
    public static let schema = "stalemate.shard/1"

    public struct Chunk: Codable, Sendable {
        public var index: Int
        /// Each arm's tallies, baseline first (a run has one arm).
        public var arms: [EnsembleAccumulator]
        /// A comparison's `values[arm][metric][run]` of the chunk's runs.
        public var values: [[[Double]]]?
    }

    public var schema: String
    public var program: String
    public var plan: String
    public var identity: String
    public var task: Int
    public var from: Int
    public var to: Int
    public var chunks: [Chunk]
    public var points: [SweepRow]
    /// A sensitivity analysis's mean of its metric, or a calibration's objective, at each
    /// point of the task, in point order.
    public var outputs: [Double]?
    public var checksum: String

    /// Sorted keys, exact numbers, NaN and infinities as strings, integer tables packed.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.userInfo[PackedInts.key] = true
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        decoder.userInfo[PackedInts.key] = true
        return decoder
    }

    /// The shard's bytes, its checksum filled in.
    func encoded() throws -> Data {
        var unsigned = self
        unsigned.checksum = ""
        let body = try Self.encoder().encode(unsigned)
        var signed = self
        signed.checksum = SourceHash.hex(String(decoding: body, as: UTF8.self))
        return try Self.encoder().encode(signed)
    }

    /// The bytes of the shard `data` decodes to, its checksum computed afresh; nil when `data`
    /// is no shard. The fuzzer signs its inputs so that it reaches what follows the checksum.
    public static func resigned(_ data: Data) -> Data? {
        (try? decoder().decode(ClusterShard.self, from: data)).flatMap { try? $0.encoded() }
    }

    /// Writes the shard to `path` through a temporary file renamed into place, so a task
    /// killed while writing leaves no shard rather than half of one.
    public func write(to path: String) throws {
        let data = try encoded()
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 {
                throw JobError("cannot move \(temporary) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as JobError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw JobError("cannot write the shard \(path): \(error.localizedDescription)")
        }
    }

    /// The shard of task `task` of `plan` read from `path`, checked against the plan.
    public static func load(_ path: String, task: ClusterPlan.Task, of plan: ClusterPlan) throws -> ClusterShard {
        let rerun = "delete it and run the task again (`stalemate task JOB.json --index \(task.index) -o FOLDER`)"
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw JobError("cannot read the shard \(path): \(error.localizedDescription)")
        }
        let shard: ClusterShard
        do { shard = try decoder().decode(ClusterShard.self, from: data) } catch {
            throw JobError(
                "the shard \(path) is damaged or truncated (\(JobSpec.decodingProblem(error))): \(rerun)")
        }
        guard shard.schema == schema else {
            throw JobError("the shard \(path) has schema \(shard.schema), expected \(schema): \(rerun)")
        }
        guard shard.identity == plan.identity else {
            throw JobError(
                "the shard \(path) belongs to another job (\(shard.identity.prefix(12)), this plan's is \(plan.identity.prefix(12))): move it away and \(rerun)"
            )
        }
        guard shard.plan == plan.plan else {
            throw JobError(
                "the shard \(path) belongs to another plan of this job (its tasks were cut differently): move it away and \(rerun)"
            )
        }
        guard shard.task == task.index, shard.from == task.from, shard.to == task.to else {
            throw JobError(
                "the shard \(path) holds task \(shard.task) (\(shard.from)..<\(shard.to)), not task \(task.index) (\(task.from)..<\(task.to)): \(rerun)"
            )
        }
        guard (try? shard.encoded()) == data else {
            throw JobError("the shard \(path) does not match its checksum (damaged or edited): \(rerun)")
        }
        let isSensitivity: Bool
        switch plan.job {
        case .sensitivity, .calibrate: isSensitivity = true
        default: isSensitivity = false
        }
        let indexes =
            isSensitivity
            ? (shard.outputs.map { Array(task.from..<(task.from + $0.count)) } ?? [])
            : plan.unit == "points" ? shard.points.map(\.point) : shard.chunks.map(\.index)
        let count = indexes.count
        guard count == task.to - task.from, indexes == Array(task.from..<task.to) else {
            throw JobError(
                "the shard \(path) does not hold its task's \(plan.unit) \(task.from)..<\(task.to): \(rerun)")
        }
        return shard
    }
}
