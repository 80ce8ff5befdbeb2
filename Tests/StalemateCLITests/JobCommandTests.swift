import Foundation
import Testing

/// The command line as a front end of jobs: `-o` everywhere, the job's identity in the
/// store, Ctrl-C as a stop request that leaves the experiment interrupted.
@Suite("Jobs on the command line")
struct JobCommandTests {
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `-o FILE` writes exactly what stdout would have shown.
    @Test(arguments: [
        ["run", "gamblers-ruin", "--runs", "50", "--format", "json"],
        ["explain", "gamblers-ruin", "--runs", "50", "--format", "csv"],
        ["validate", "kursk-2024", "--format", "json"],
        ["compare", "gamblers-ruin", "--variant", "a:sides.A.contingency=1", "--runs", "20"],
    ])
    func outputFileEqualsStdout(_ arguments: [String]) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // validate records nothing, so it has no --no-store.
        let noStore = arguments[0] == "validate" ? [] : ["--no-store"]
        let shown = try CLI.run(arguments + noStore)
        #expect(shown.status == 0, "\(shown.stderr)")
        let file = dir.appendingPathComponent("out.txt").path
        let written = try CLI.run(arguments + noStore + ["-o", file])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == shown.stdout)
    }

    @Test func theStoreKnowsEachExperimentsJob() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        for seed in ["1", "2", "1"] {
            let r = try CLI.run(["run", "gamblers-ruin", "--runs", "30", "--seed", seed, "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let json = try CLI.run(["history", "--format", "json", "--store", store]).stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "stalemate.history/1")
        let jobs = try #require(document["experiments"] as? [[String: Any]]).compactMap { $0["job"] as? String }
        // Newest first: runs 3 and 1 are the same job, run 2 another.
        #expect(jobs.count == 3 && jobs[0] == jobs[2] && jobs[0] != jobs[1] && jobs[0].count == 64)
        let same = try CLI.run(["history", "--job", String(jobs[0].prefix(10)), "--store", store])
        #expect(same.stdout.split(separator: "\n").count == 3, "\(same.stdout)")
        #expect(try CLI.run(["show", "1", "--store", store]).stdout.contains("job        \(jobs[0])"))
    }

    @Test func sweepTakesTheFormatOrTheExtension() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("points.out").path
        let args = ["sweep", "gamblers-ruin", "--param", "sides.A.contingency=0:1", "--points", "2", "--runs", "20"]
        let bad = try CLI.run(args + ["-o", out, "--no-store"])
        #expect(bad.status == 64 && bad.stderr.contains("or give --format csv|json"), "\(bad.stderr)")
        let table = try CLI.run(args + ["-o", out, "--format", "table", "--no-store"])
        #expect(table.status == 64 && table.stderr.contains("sweep prints csv or json, not table"), "\(table.stderr)")
        let json = try CLI.run(args + ["-o", out, "--format", "json", "--no-store"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"schema\" : \"stalemate.sweep/1\""))
    }

    /// The first Ctrl-C stops a compare after the chunks under way: the experiment is recorded
    /// as interrupted (not left `running`), and the message says so.
    @Test(.timeLimit(.minutes(2))) func ctrlCRecordsAnInterruptedExperiment() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = [
            "compare", "kursk-2024", "--variant", "a:sides.B.contingency=0", "--runs", "2000000", "--store", store,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // The handler is installed before the experiment is recorded: wait for the record, as
        // a SIGINT before the handler is lost where the test runs with SIGINT ignored.
        let deadline = Date.now.addingTimeInterval(60)
        while Date.now < deadline && process.isRunning {
            let history = try CLI.run(["history", "--format", "json", "--store", store]).stdout
            if history.contains(#""kind" : "compare""#) || history.contains(#""kind": "compare""#) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.interrupt()
        // Bounded: a lost interrupt fails the test instead of waiting for two million runs.
        let stopBy = Date.now.addingTimeInterval(60)
        while process.isRunning && Date.now < stopBy { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            Issue.record("the command did not stop within 60 s of SIGINT")
        }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("experiment 1 is recorded as interrupted"), "\(stderr)")
        let shown = try CLI.run(["show", "1", "--format", "json", "--store", store]).stdout
        let record = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(record["storedStatus"] as? String == "interrupted" && record["endedAt"] != nil)
    }
}
