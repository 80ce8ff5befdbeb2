import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the `stalemate` binary with stdin from /dev/null (never a terminal).
enum StoreCLI {
    static func start(_ arguments: [String], stdout: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        let errData = StoreTestBox(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { usleep(1000) }
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// Runs several commands at once; results in the order given.
    static func concurrently(_ commands: [[String]]) throws -> [CLI.Result] {
        let results = StoreTestBox([Int: CLI.Result]())
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            if let r = try? run(commands[i]) { results.update { $0[i] = r } }
        }
        return commands.indices.map { results.value[$0] ?? CLI.Result(status: -1, stdout: "", stderr: "did not start") }
    }

    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stalemate-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
}

/// A tiny lock-protected box for test helpers.
final class StoreTestBox<T>: @unchecked Sendable {
    private var stored: T
    private var finished = false
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    var done: Bool { lock.withLock { finished } }
    func set(_ v: T) {
        lock.withLock {
            stored = v; finished = true
        }
    }
    func update(_ f: (inout T) -> Void) { lock.withLock { f(&stored) } }
}

@Suite("the results store")
struct StoreCommandTests {
    @Test func runIsRecordedAndCanBeShownExportedAndRemoved() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let run = try StoreCLI.run([
            "run", "kursk-2024", "--runs", "600", "--seed", "3", "--format", "json", "--store", store,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let history = try StoreCLI.run(["history", "--store", store])
        #expect(history.status == 0 && history.stdout.contains("kursk-2024") && history.stdout.contains("complete"))
        let show = try StoreCLI.run(["show", "1", "--store", store])
        #expect(show.status == 0 && show.stdout.contains("3 batches, 600 run records"))
        let summary = try StoreCLI.run(["export", "1", "--what", "summary", "--format", "json", "--store", store])
        #expect(summary.stdout == run.stdout)
        let runs = try StoreCLI.run(["export", "1", "--store", store])
        let lines = runs.stdout.split(separator: "\n")
        #expect(lines.count == 601 && lines[0].hasPrefix("experiment_id,arm,run_index,outcome,duration"))
        let weekly = try StoreCLI.run(["export", "1", "--what", "weekly", "--format", "json", "--store", store])
        let weeks = StoreCLI.json(weekly.stdout) as? [[String: Any]]
        #expect(weeks?.count == 156)
        #expect(weeks?.first?["runs"] as? Int == 600)

        // Without --yes and without a terminal, rm refuses and deletes nothing.
        let refused = try StoreCLI.run(["rm", "1", "--store", store])
        #expect(refused.status == 65 && refused.stderr.contains("--yes"))
        #expect(try StoreCLI.run(["show", "1", "--store", store]).status == 0)
        let rm = try StoreCLI.run(["rm", "1", "--yes", "--store", store])
        #expect(rm.status == 0, "\(rm.stderr)")
        #expect(try StoreCLI.run(["show", "1", "--store", store]).status == 65)
        #expect(try StoreCLI.run(["history", "--store", store]).stdout.contains("no experiments"))
        let check = try StoreCLI.run(["check-store", "--store", store])
        #expect(check.status == 0 && check.stdout.contains("0 batches"), "\(check.stderr)")
    }

    @Test func twoProcessesWritingToOneStoreBothSucceed() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("shared.sqlite").path
        let results = try StoreCLI.concurrently([
            [
                "run", "kursk-2024", "--runs", "2000", "--seed", "1", "--threads", "1", "--format", "json", "--store",
                store,
            ],
            [
                "run", "kursk-2024", "--runs", "2000", "--seed", "2", "--threads", "1", "--format", "json", "--store",
                store,
            ],
            ["compare", "kursk-2024", "--runs", "300", "--variant", "x:events.kursk-incursion=off", "--store", store],
        ])
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        let list =
            (StoreCLI.json(try StoreCLI.run(["history", "--format", "json", "--store", store]).stdout)
            as? [String: Any])?["experiments"] as? [[String: Any]]
        #expect(list?.count == 3)
        #expect(list?.allSatisfy { $0["status"] as? String == "complete" } == true)
        // Each run: 8 chunks of 256; the comparison: one batch of whole tallies per arm.
        #expect(Set(list?.compactMap { $0["batches"] as? Int } ?? []) == [2, 8])
        let check = try StoreCLI.run(["check-store", "--store", store])
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// Issue 4, crash safety: SIGKILL in the middle of an ensemble, then resume.
    @Test(.timeLimit(.minutes(3))) func killedRunIsInterruptedAndResumesToTheSameNumbers() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let killed = dir.appendingPathComponent("killed.sqlite").path
        let reference = dir.appendingPathComponent("reference.sqlite").path
        // 52 weeks keep the test short in debug builds (and exercise an override on resume).
        let args = [
            "run", "kursk-2024", "--runs", "20000", "--weeks", "52", "--seed", "424242", "--threads", "2", "--format",
            "json",
        ]
        let victim = try StoreCLI.start(args + ["--store", killed])
        // The uninterrupted run, stored elsewhere, meanwhile.
        let uninterrupted = StoreTestBox(CLI.Result(status: -1, stdout: "", stderr: ""))
        let referenceThread = Thread {
            uninterrupted.set((try? StoreCLI.run(args + ["--store", reference])) ?? uninterrupted.value)
        }
        referenceThread.start()

        // Wait (bounded) until at least one batch is stored, reading the store meanwhile.
        var batches = 0
        let deadline = Date().addingTimeInterval(90)
        while batches < 1 && Date() < deadline && victim.isRunning {
            let show = try StoreCLI.run(["show", "1", "--format", "json", "--store", killed])
            if show.status == 0, let info = StoreCLI.json(show.stdout) as? [String: Any] {
                batches = info["batches"] as? Int ?? 0
            }
            if batches < 1 { usleep(50_000) }
        }
        #expect(batches >= 1)
        #expect(victim.isRunning, "the run finished before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)

        let check = try StoreCLI.run(["check-store", "--store", killed])
        #expect(check.status == 0 && check.stdout.contains("passes integrity_check"), "\(check.stderr)")
        let history = try StoreCLI.run(["history", "--status", "interrupted", "--format", "json", "--store", killed])
        let listed = (StoreCLI.json(history.stdout) as? [String: Any])?["experiments"] as? [[String: Any]]
        #expect(listed?.count == 1 && listed?.first?["status"] as? String == "interrupted", "\(history.stdout)")
        let stored = listed?.first?["batches"] as? Int ?? 0
        #expect(stored >= 1 && stored < 79)
        let show = try StoreCLI.run(["show", "1", "--store", killed])
        #expect(show.stdout.contains("interrupted") && show.stdout.contains("stalemate resume 1"))

        let resumed = try StoreCLI.run(["resume", "1", "--format", "json", "--store", killed])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        while !uninterrupted.done { usleep(20_000) }
        #expect(uninterrupted.value.status == 0, "\(uninterrupted.value.stderr)")
        #expect(resumed.stdout == uninterrupted.value.stdout)
        let a = try StoreCLI.run(["export", "1", "--what", "summary", "--format", "json", "--store", killed])
        let b = try StoreCLI.run(["export", "1", "--what", "summary", "--format", "json", "--store", reference])
        #expect(a.status == 0 && !a.stdout.isEmpty && a.stdout == b.stdout)
        let showA = try StoreCLI.run(["show", "1", "--store", killed]).stdout
        let showB = try StoreCLI.run(["show", "1", "--store", reference]).stdout
        func results(_ s: String) -> Substring { s[(s.range(of: "\n\n")?.upperBound ?? s.startIndex)...] }
        #expect(!results(showA).isEmpty && results(showA) == results(showB))
        let after = try StoreCLI.run(["show", "1", "--format", "json", "--store", killed])
        let info = StoreCLI.json(after.stdout) as? [String: Any]
        #expect(info?["status"] as? String == "complete" && info?["batches"] as? Int == 79)
        #expect(info?["runRecords"] as? Int == 20000)
        #expect(try StoreCLI.run(["check-store", "--store", killed]).status == 0)

        // A complete experiment cannot be resumed; nor can an unknown one.
        let again = try StoreCLI.run(["resume", "1", "--store", killed])
        #expect(again.status == 65 && again.stderr.contains("already complete"))
        let unknown = try StoreCLI.run(["resume", "7", "--store", killed])
        #expect(unknown.status == 65 && unknown.stderr.contains("no experiment 7"))
    }

    @Test func badStorePathsExitWith65AndKeepTheirContents() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("notes.txt")
        try "not a database, but precious\n".write(to: text, atomically: true, encoding: .utf8)
        let small = ["run", "kursk-2024", "--runs", "20", "--store"]
        for path in [text.path, dir.path, dir.path + "/no/such/dir/s.sqlite", "/proc/stalemate.sqlite"] {
            let r = try StoreCLI.run(small + [path])
            #expect(r.status == 65, "\(path): \(r.stderr)")
            #expect(r.stderr.contains("store"), "\(path): \(r.stderr)")
        }
        #expect(try String(contentsOf: text, encoding: .utf8) == "not a database, but precious\n")
        let history = try StoreCLI.run(["history", "--store", text.path])
        #expect(history.status == 65 && history.stderr.contains("not a stalemate store"))
        let missing = try StoreCLI.run(["history", "--store", dir.path + "/missing.sqlite"])
        #expect(missing.status == 65 && !FileManager.default.fileExists(atPath: dir.path + "/missing.sqlite"))
        // --no-store skips the store entirely.
        let skipped = try StoreCLI.run(small + [text.path, "--no-store"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
    }
}

@Suite("stalemate report")
struct ReportCommandTests {
    /// Every kind of stored experiment gives a self-contained report with charts.
    @Test func reportsForRunCompareSweepAndSensitivity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let commands: [[String]] = [
            ["run", "kursk-2024", "--runs", "300"],
            ["compare", "kursk-2024", "--runs", "100", "--variant", "calm:sides.B.suspensionSensitivity=0"],
            [
                "sweep", "kursk-2024", "--param", "sides.B.baseWillingness=-4:0", "--points", "3", "--runs", "100",
                "-o",
                dir.appendingPathComponent("sw.csv").path,
            ],
            [
                "sensitivity", "kursk-2024", "--param", "sides.B.baseWillingness=-4:0", "--param",
                "sides.B.contingency=0:4",
                "--size", "2", "--runs", "50",
            ],
        ]
        for (i, args) in commands.enumerated() {
            let r = try CLI.run(args + ["--store", store])
            #expect(r.status == 0, "\(args[0]): \(r.stderr)")
            let html = dir.appendingPathComponent("\(args[0]).html")
            let report = try CLI.run(["report", "\(i + 1)", "-o", html.path, "--store", store])
            #expect(report.status == 0, "\(args[0]): \(report.stderr)")
            let text = try String(contentsOf: html, encoding: .utf8)
            #expect(text.contains("<svg"), "\(args[0])")
            #expect(!text.contains("no data to show"), "\(args[0])")
            #expect(!text.contains("src=\"http"), "\(args[0])")
        }
        let missing = try CLI.run(["report", "99", "-o", dir.appendingPathComponent("x.html").path, "--store", store])
        #expect(missing.status == 65)
    }
}
