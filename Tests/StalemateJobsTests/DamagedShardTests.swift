import Foundation
import StalemateJobs
import Testing

/// A shard edited and signed again passes its checksum; what it holds is still checked
/// against the plan's job before it is merged (docs/reliability.md).
@Suite("Damaged shards")
struct DamagedShardTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func editedTalliesAreRefusedWhenCollected() throws {
        let plan = try ClusterPlan.load(Self.file("Fuzz/corpus/plan/plan-duel-one-task.json"))
        let shard = try Data(contentsOf: URL(fileURLWithPath: Self.file("Fuzz/corpus/shard/duel-one-task-0.json")))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = ClusterPlan.shardPath(folder, task: 0)
        func collect(_ data: Data) throws -> JobResult {
            try data.write(to: URL(fileURLWithPath: path))
            let work = try ClusterTask.restored(plan, from: folder)
            return try JobRunner(threads: 1, chunkSize: plan.chunkSize).run(plan.job, sinks: [ShardSource(work)])
        }
        guard case .run(_, let acc) = try collect(shard) else {
            Issue.record("the plan is not a run's")
            return
        }
        #expect(acc.runs == 512)
        func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
            var json = try #require(try JSONSerialization.jsonObject(with: shard) as? [String: Any])
            var chunks = try #require(json["chunks"] as? [[String: Any]])
            var arms = try #require(chunks[1]["arms"] as? [[String: Any]])
            edit(&arms[0])
            chunks[1]["arms"] = arms
            json["chunks"] = chunks
            return try #require(ClusterShard.resigned(try JSONSerialization.data(withJSONObject: json)))
        }
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("255 runs, where this chunk has 256", { $0["runs"] = 255 }),
            ("a count that is negative", { $0["warWeeks"] = -1 }),
            ("escalation peaks", { $0["peakCounts"] = [256] }),
        ]
        for (says, edit) in cases {
            let error = #expect(throws: JobError.self) { try collect(try edited(edit)) }
            #expect(
                error?.description.contains("the tallies held for chunk 1 of this job") == true
                    && error?.description.contains(says) == true, "\(error?.description ?? "")")
        }
    }

    static func file(_ path: String) -> String { root.appendingPathComponent(path).path }
}
