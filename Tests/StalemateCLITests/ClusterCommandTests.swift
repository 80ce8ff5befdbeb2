import Foundation
import Testing

/// The cluster runner (docs/cluster.md): a job cut into tasks, run anywhere, collected to the
/// bytes of the job run in one process; bad shards and plans refused with what to do; and, where
/// SLURM runs (CI sets it up with .ci/slurm-up.sh), the same through sbatch, with a cancelled
/// task finished by `submit --only-missing`.
@Suite("stalemate plan, task, collect, submit")
struct ClusterCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func ok(_ arguments: [String]) throws -> CLI.Result {
        let r = try CLI.run(arguments)
        #expect(r.status == 0, "stalemate \(arguments.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// Plans `command` into `tasks` tasks, runs them in reverse order, and collects.
    static func planRunCollect(_ command: [String], tasks: Int, in dir: URL, format: String = "json") throws -> (
        plan: String, shards: String, result: String
    ) {
        let plan = dir.appendingPathComponent("job.json").path
        let shards = dir.appendingPathComponent("shards").path
        try ok(["plan"] + command + ["--tasks", "\(tasks)", "-o", plan])
        for i in (0..<tasks).reversed() { try ok(["task", plan, "--index", "\(i)", "-o", shards, "--threads", "2"]) }
        let collected = try ok(["collect", plan, shards, "--format", format, "--no-store"])
        return (plan, shards, collected.stdout)
    }

    @Test func aCollectedRunIsTheLocalRun() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["kursk-2024", "--runs", "1500", "--seed", "3"]
        let (plan, shards, collected) = try Self.planRunCollect(["run"] + args, tasks: 3, in: dir)
        let local = try Self.ok(["run"] + args + ["--format", "json", "--no-store", "--threads", "1"])
        #expect(collected == local.stdout)
        // A task run again writes the same bytes.
        let shard = shards + "/task-1.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: shard))
        try Self.ok(["task", plan, "--index", "1", "-o", shards, "--threads", "1"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: shard)) == before)
        // Recorded in a store: sound, with a report drawn from the collected tallies.
        let store = dir.appendingPathComponent("s.sqlite").path
        try Self.ok(["collect", plan, shards, "--store", store, "--format", "json"])
        try Self.ok(["check-store", "--store", store])
        let report = dir.appendingPathComponent("r.html").path
        try Self.ok(["report", "1", "--store", store, "-o", report])
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("Still at war"))
    }

    @Test func aCollectedComparisonIsTheLocalOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["kursk-2024", "--runs", "700", "--seed", "2", "--variant", "x:events.kursk-incursion=off"]
        let (_, _, collected) = try Self.planRunCollect(["compare"] + args, tasks: 2, in: dir)
        let local = try Self.ok(["compare"] + args + ["--format", "json", "--no-store"])
        #expect(collected == local.stdout)
    }

    @Test func aCollectedSweepHasTheRowsOfTheLocalSweep() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = [
            "kursk-2024", "--param", "sides.B.contingency=0:3", "--points", "6", "--runs", "300", "--seed", "4",
        ]
        let (_, _, collected) = try Self.planRunCollect(["sweep"] + args, tasks: 3, in: dir)
        let file = dir.appendingPathComponent("local.json").path
        try Self.ok(["sweep"] + args + ["-o", file, "--no-store"])
        #expect(collected == (try String(contentsOfFile: file, encoding: .utf8)))
    }

    @Test func aCollectedSobolAnalysisIsTheLocalOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = [
            "kursk-2024", "--method", "sobol", "--param", "sides.B.contingency=0:4", "--param",
            "sides.A.contingency=0:4", "--size", "8", "--runs", "100", "--seed", "1",
        ]
        let (_, _, collected) = try Self.planRunCollect(["sensitivity"] + args, tasks: 4, in: dir)
        let local = try Self.ok(["sensitivity"] + args + ["--format", "json", "--no-store"])
        #expect(collected == local.stdout)
    }

    /// A calibration's scan is shared by the tasks; collect runs the Nelder–Mead search from
    /// the best scanned point, as the command does after its own scan.
    @Test func aCollectedCalibrationIsTheLocalOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/cow-interstate-wars-v4.0.csv").path
        let args = [
            "interstate-generic", "--target", target, "--param", "sides.A.contingency=0:4", "--runs", "60", "--seed",
            "3",
        ]
        let (_, _, collected) = try Self.planRunCollect(["calibrate"] + args, tasks: 4, in: dir)
        let local = try Self.ok(["calibrate"] + args + ["--format", "json", "--no-store"])
        #expect(collected == local.stdout)
        let shipped = try CLI.run([
            "plan", "calibrate", "interstate-generic", "--target", target, "--tasks", "2", "-o",
            dir.appendingPathComponent("x.json").path,
        ])
        #expect(shipped.status != 0 && shipped.stderr.contains("give the parameters to fit with --param"))
    }

    @Test func badPlansAndShardsAreRefusedWithWhatToDo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (plan, shards, _) = try Self.planRunCollect(
            ["run", "kursk-2024", "--runs", "1000", "--seed", "1"], tasks: 4, in: dir)
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let (_, otherShards, _) = try Self.planRunCollect(
            ["run", "kursk-2024", "--runs", "1000", "--seed", "2"], tasks: 4, in: other)
        func collectFails(_ says: String) throws {
            let r = try CLI.run(["collect", plan, shards, "--no-store"])
            #expect(r.status != 0 && r.stdout.isEmpty, "collect printed a result: \(r.stdout.prefix(200))")
            #expect(r.stderr.contains(says), "\(r.stderr)")
        }
        let shard = shards + "/task-2.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: shard))
        // A missing task is named.
        try FileManager.default.removeItem(atPath: shard)
        try collectFails("1 of 4 tasks have no shard in \(shards): 2")
        // A shard of another job.
        try FileManager.default.copyItem(atPath: otherShards + "/task-2.json", toPath: shard)
        try collectFails("belongs to another job")
        // A truncated shard.
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: shard))
        try collectFails("damaged or truncated")
        // A shard edited by hand: still JSON, but not what the task wrote.
        var text = String(decoding: good, as: UTF8.self)
        let digit = try #require(text.range(of: #""runs":\d"#, options: .regularExpression))
        text.replaceSubrange(digit, with: #""runs":9"#)
        try text.write(toFile: shard, atomically: true, encoding: .utf8)
        try collectFails(shard)
        try good.write(to: URL(fileURLWithPath: shard))
        // A plan edited by hand.
        let planText = try String(contentsOfFile: plan, encoding: .utf8)
        try planText.replacingOccurrences(of: "\"runs\" : 1000", with: "\"runs\" : 2000").write(
            toFile: plan, atomically: true, encoding: .utf8)
        try collectFails("edited by hand")
        try planText.write(toFile: plan, atomically: true, encoding: .utf8)
        try Self.ok(["collect", plan, shards, "--no-store"])
        // Too many tasks, a command the plan cannot cut, a task outside the plan.
        let many = try CLI.run(["plan", "run", "kursk-2024", "--runs", "300", "--tasks", "5", "-o", plan + "2"])
        #expect(many.status != 0 && many.stderr.contains("use at most 2 tasks"), "\(many.stderr)")
        let cut = try CLI.run(["plan", "explain", "kursk-2024", "--tasks", "2", "-o", plan + "3"])
        #expect(
            cut.status == 64 && cut.stderr.contains("plan cuts run, compare, sweep, sensitivity, calibrate"),
            "\(cut.stderr)")
        let outside = try CLI.run(["task", plan, "--index", "9", "-o", shards])
        #expect(outside.status != 0 && outside.stderr.contains("there is no task 9"), "\(outside.stderr)")
    }

    /// `status` without SLURM: shards are done, a task whose script left a `.failed` marker
    /// failed, the rest are missing.
    @Test func statusCountsDoneFailedAndMissingTasks() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("job.json").path
        let shards = dir.appendingPathComponent("job.shards").path
        try Self.ok(["plan", "run", "kursk-2024", "--runs", "1024", "--seed", "1", "--tasks", "4", "-o", plan])
        for i in [0, 1] { try Self.ok(["task", plan, "--index", "\(i)", "-o", shards]) }
        try FileManager.default.createDirectory(atPath: shards + "/logs", withIntermediateDirectories: true)
        try "1\n".write(toFile: shards + "/logs/task-2.failed", atomically: true, encoding: .utf8)
        let status = try Self.ok(["status", plan, "--format", "json"])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(report["done"] as? [Int] == [0, 1])
        #expect(report["failed"] as? [Int] == [2])
        #expect(report["missing"] as? [Int] == [3])
        #expect(report["collected"] as? Bool == false)
        let table = try Self.ok(["status", plan])
        #expect(table.stdout.contains("failed   1  (2)") && table.stdout.contains("missing  1  (3)"), "\(table.stdout)")
    }

    /// A sweep through a real SLURM: an array of 4 tasks, one at a time; task 3 cancelled while
    /// it waits; `status` says it is missing; `submit --only-missing` finishes the job, and the
    /// dependent collect job writes the rows of the sweep run in one process. Skipped where
    /// `sinfo` cannot reach a controller, unless STALEMATE_REQUIRE_SLURM=1.
    @Test(.timeLimit(.minutes(10))) func aSweepThroughSLURMIsTheLocalSweep() throws {
        let probe = try? CLIProgram.run("sinfo", ["-h", "-o", "%t"])
        guard let probe, probe.status == 0, probe.out.contains("idle") || probe.out.contains("mix") else {
            #expect(
                ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_SLURM"] != "1",
                "SLURM is required here (.ci/slurm-up.sh sets up a single-node cluster)")
            print("note: no SLURM controller answers sinfo; the SLURM test is skipped (.ci/slurm-up.sh sets one up)")
            return
        }
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = [
            "kursk-2024", "--param", "sides.B.contingency=0:3", "--points", "8", "--runs", "400", "--seed", "4",
        ]
        let plan = dir.appendingPathComponent("job.json").path
        let shards = dir.appendingPathComponent("job.shards").path
        let store = dir.appendingPathComponent("s.sqlite").path
        try Self.ok(["plan", "sweep"] + args + ["--tasks", "4", "-o", plan])
        let submitted = try Self.ok([
            "submit", plan, "--executor", "slurm", "--max-parallel", "1", "--store", store,
        ])
        let array = try #require(
            submitted.stdout.range(of: #"array job (\d+)"#, options: .regularExpression).map {
                String(submitted.stdout[$0].split(separator: " ").last!)
            })
        // Cancel task 3 while it waits behind the others.
        _ = try CLIProgram.run("scancel", ["\(array)_3"])
        try Self.waitForQueue(toLeave: [array], within: 300)
        let status = try Self.ok(["status", plan, "--format", "json"])
        #expect(status.stdout.contains(#""missing" : ["#) && status.stdout.contains("3"), "\(status.stdout)")
        #expect(!FileManager.default.fileExists(atPath: shards + "/task-3.json"))
        // The first collect ran after the array (afterany) and found task 3 missing.
        try Self.waitForFile(shards + "/logs/collect.out", within: 120)
        try Self.waitForQueueEmpty(within: 120)
        let log = try String(contentsOfFile: shards + "/logs/collect.out", encoding: .utf8)
        #expect(log.contains("have no shard") && log.contains(": 3"), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: shards + "/result.json"))
        // Only the missing task is submitted again, with a new collect job.
        let again = try Self.ok(["submit", plan, "--executor", "slurm", "--only-missing", "--store", store])
        #expect(again.stdout.contains("submitted 1 tasks"), "\(again.stdout)")
        try Self.waitForFile(shards + "/result.json", within: 300)
        try Self.waitForQueueEmpty(within: 120)
        let local = dir.appendingPathComponent("local.json").path
        try Self.ok(["sweep"] + args + ["-o", local, "--no-store"])
        #expect(
            try String(contentsOfFile: shards + "/result.json", encoding: .utf8)
                == String(contentsOfFile: local, encoding: .utf8))
        let done = try Self.ok(["status", plan])
        #expect(done.stdout.contains("done     4") && done.stdout.contains("collected"), "\(done.stdout)")
        try Self.ok(["check-store", "--store", store])
    }

    static func waitForFile(_ path: String, within seconds: Double) throws {
        let deadline = Date.now.addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date.now < deadline else {
                Issue.record("\(path) did not appear within \(seconds) s")
                return
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    static func waitForQueue(toLeave jobs: [String], within seconds: Double) throws {
        let deadline = Date.now.addingTimeInterval(seconds)
        while Date.now < deadline {
            let queue = try CLIProgram.run("squeue", ["-h", "-r", "-o", "%i"])
            if !queue.out.split(separator: "\n").contains(where: { line in jobs.contains { line.hasPrefix($0 + "_") } })
            {
                return
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        Issue.record("the array jobs \(jobs) were still queued after \(seconds) s")
    }

    static func waitForQueueEmpty(within seconds: Double) throws {
        let deadline = Date.now.addingTimeInterval(seconds)
        while Date.now < deadline {
            if try CLIProgram.run("squeue", ["-h"]).out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        Issue.record("the SLURM queue was not empty after \(seconds) s")
    }
}

/// Another program (sinfo, squeue, scancel), found on the PATH.
enum CLIProgram {
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
