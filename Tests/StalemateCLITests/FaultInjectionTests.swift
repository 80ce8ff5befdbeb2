import Foundation
import StalemateTestSupport
import Testing

/// Faults on real processes (docs/reliability.md): SIGKILL at random moments of `run`,
/// `compare`, `sweep` and `collect`, a full disk, a read-only store, a store whose folder
/// disappears, a store locked past the busy timeout, and four writers at once. Each checks
/// that the store passes `PRAGMA integrity_check`, keeps what was committed, and that
/// finishing the job gives the bytes of an uninterrupted one. `STALEMATE_FAULT_TRIALS` sets
/// the SIGKILL trials per command (8 here, 100 in `.ci/run`); the disk faults need root to
/// mount a small tmpfs (`STALEMATE_REQUIRE_FAULTS=1` makes that a failure).
@Suite("Fault injection", .serialized)
struct FaultInjectionTests {
    static let trials = Int(ProcessInfo.processInfo.environment["STALEMATE_FAULT_TRIALS"] ?? "") ?? 8
    static let required = ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_FAULTS"] == "1"

    static func experiments(_ store: String) throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: store) else { return [] }
        let r = try StoreCLI.run(["history", "--format", "json", "--store", store])
        return (StoreCLI.json(r.stdout) as? [String: Any])?["experiments"] as? [[String: Any]] ?? []
    }

    static func summary(_ id: Int, _ store: String) throws -> String {
        try StoreCLI.run(["export", "\(id)", "--what", "summary", "--format", "json", "--store", store]).stdout
    }

    /// `check-store`: integrity_check and every batch against its runs.
    static func sound(_ store: String) throws -> (Bool, String) {
        guard FileManager.default.fileExists(atPath: store) else { return (true, "no store yet") }
        let r = try StoreCLI.run(["check-store", "--store", store])
        return (r.status == 0 && r.stdout.contains("passes integrity_check"), r.stdout + r.stderr)
    }

    /// What a campaign found, printed for docs/reliability.md.
    struct Tally: CustomStringConvertible {
        var name: String
        var trials = 0
        var killedRunning = 0
        var unsound = 0
        var lostBatches = 0
        var keptBatches = 0
        var mismatches = 0
        var description: String {
            "\(name): \(trials) trials, \(killedRunning) killed while running, \(unsound) stores failing integrity_check, \(lostBatches) committed batches lost (\(keptBatches) kept), \(mismatches) results differing from the uninterrupted job"
        }
    }

    /// Kills `arguments` (with `--store STORE`, a new store each trial, which keeps a complete
    /// experiment of the same command from before) after a random delay up to 1.2× an
    /// uninterrupted job's duration, `trials` times, then checks the store and finishes the job
    /// with `recover`, which returns the finished result's bytes.
    static func campaign(
        _ name: String, dir: URL, seed: UInt64, arguments: [String], reference: String,
        recover: (_ store: String, _ killedID: Int?) throws -> String
    ) throws -> Tally {
        var random = TestRandom(state: seed)
        var tally = Tally(name: name)
        // How long the job takes, uninterrupted, here; its store is each trial's starting point.
        let template = dir.appendingPathComponent("\(name)-template.sqlite").path
        let started = Date()
        _ = try StoreCLI.run(arguments + ["--store", template])
        let duration = Date().timeIntervalSince(started)
        let store = dir.appendingPathComponent("\(name).sqlite").path
        for trial in 0..<trials {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
                try FileManager.default.copyItem(atPath: template + suffix, toPath: store + suffix)
            }
            let completeBefore = try experiments(store).filter { $0["status"] as? String == "complete" }.count
            let before = Set(try experiments(store).compactMap { $0["id"] as? Int })
            let victim = try StoreCLI.start(arguments + ["--store", store])
            usleep(useconds_t(random.uniform() * 1.2 * duration * 1_000_000))
            if victim.isRunning { tally.killedRunning += 1 }
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
            tally.trials += 1
            let (ok, text) = try sound(store)
            if !ok {
                tally.unsound += 1
                Issue.record("\(name) trial \(trial): \(text)")
            }
            let all = try experiments(store)
            let new = all.first { !before.contains($0["id"] as? Int ?? -1) }
            let killedID = new?["id"] as? Int
            var batchesAfterKill = 0
            if let killedID {
                let show = try StoreCLI.run(["show", "\(killedID)", "--format", "json", "--store", store])
                batchesAfterKill = (StoreCLI.json(show.stdout) as? [String: Any])?["batches"] as? Int ?? 0
            }
            // Every experiment complete before this trial still is.
            let complete = all.filter { $0["status"] as? String == "complete" }.count
            #expect(complete >= completeBefore, "\(name) trial \(trial): a complete experiment is no longer complete")
            let result = try recover(store, killedID)
            if result != reference {
                tally.mismatches += 1
                Issue.record("\(name) trial \(trial): the finished result differs from the uninterrupted one")
            }
            if let killedID, batchesAfterKill > 0 {
                let show = try StoreCLI.run(["show", "\(killedID)", "--format", "json", "--store", store])
                let after = (StoreCLI.json(show.stdout) as? [String: Any])?["batches"] as? Int ?? 0
                if after < batchesAfterKill { tally.lostBatches += batchesAfterKill - after }
                tally.keptBatches += batchesAfterKill
            }
        }
        let (ok, text) = try sound(store)
        #expect(ok, "\(name): \(text)")
        print("fault injection: \(tally)")
        return tally
    }

    @Test(.timeLimit(.minutes(60))) func sigkillRunResumes() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["run", "kursk-2024", "--runs", "2048", "--weeks", "52", "--seed", "5", "--format", "json"]
        let referenceStore = dir.appendingPathComponent("reference.sqlite").path
        _ = try StoreCLI.run(args + ["--store", referenceStore])
        let reference = try Self.summary(1, referenceStore)
        #expect(reference.contains("\"schema\""))
        let tally = try Self.campaign("run", dir: dir, seed: 1, arguments: args, reference: reference) { store, id in
            guard let id else {
                let again = try StoreCLI.run(args + ["--store", store])
                #expect(again.status == 0, "\(again.stderr)")
                let last = try Self.experiments(store).compactMap { $0["id"] as? Int }.max() ?? 0
                return try Self.summary(last, store)
            }
            let show = try StoreCLI.run(["show", "\(id)", "--format", "json", "--store", store])
            if (StoreCLI.json(show.stdout) as? [String: Any])?["status"] as? String != "complete" {
                let resumed = try StoreCLI.run(["resume", "\(id)", "--format", "json", "--store", store])
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }
            return try Self.summary(id, store)
        }
        #expect(tally.unsound == 0 && tally.lostBatches == 0 && tally.mismatches == 0)
    }

    @Test(.timeLimit(.minutes(60))) func sigkillCompareReruns() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["compare", "kursk-2024", "--runs", "512", "--weeks", "52", "--seed", "5", "--format", "json"]
        let reference = try StoreCLI.run(args + ["--no-store"]).stdout
        #expect(reference.contains("\"schema\""))
        let tally = try Self.campaign("compare", dir: dir, seed: 2, arguments: args, reference: reference) {
            store, id in
            if let id {
                let show = try StoreCLI.run(["show", "\(id)", "--format", "json", "--store", store])
                let status = (StoreCLI.json(show.stdout) as? [String: Any])?["status"] as? String
                #expect(status == "complete" || status == "interrupted", "compare \(id) is \(status ?? "?")")
            }
            let again = try StoreCLI.run(args + ["--store", store])
            #expect(again.status == 0, "\(again.stderr)")
            return again.stdout
        }
        #expect(tally.unsound == 0 && tally.mismatches == 0)
    }

    @Test(.timeLimit(.minutes(60))) func sigkillSweepResumes() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("sweep.json").path
        let args = [
            "sweep", "kursk-2024", "--param", "sides.B.contingency=0:6", "--points", "8", "--runs", "200", "--weeks",
            "52", "--seed", "5", "-o", output,
        ]
        _ = try StoreCLI.run(args + ["--no-store"])
        let reference = try String(contentsOfFile: output, encoding: .utf8)
        try FileManager.default.removeItem(atPath: output)
        let tally = try Self.campaign("sweep", dir: dir, seed: 3, arguments: args, reference: reference) { store, _ in
            if !FileManager.default.fileExists(atPath: output) {
                let partial = FileManager.default.fileExists(atPath: output + ".partial")
                let again = try StoreCLI.run(args + (partial ? ["--resume"] : []) + ["--store", store])
                #expect(again.status == 0, "\(again.stderr)")
            }
            defer { try? FileManager.default.removeItem(atPath: output) }
            return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }
        #expect(tally.unsound == 0 && tally.mismatches == 0)
    }

    @Test(.timeLimit(.minutes(60))) func sigkillCollectReruns() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.json").path
        let shards = dir.appendingPathComponent("shards").path
        let made = try StoreCLI.run([
            "plan", "run", "kursk-2024", "--runs", "2048", "--weeks", "52", "--seed", "5", "--tasks", "4", "-o", plan,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        for i in 0..<4 { _ = try StoreCLI.run(["task", plan, "--index", "\(i)", "-o", shards]) }
        let args = ["collect", plan, shards, "--format", "json"]
        let reference = try StoreCLI.run(args + ["--no-store"]).stdout
        #expect(reference.contains("\"schema\""))
        let tally = try Self.campaign("collect", dir: dir, seed: 4, arguments: args, reference: reference) { store, _ in
            let again = try StoreCLI.run(args + ["--store", store])
            #expect(again.status == 0, "\(again.stderr)")
            return again.stdout
        }
        #expect(tally.unsound == 0 && tally.mismatches == 0)
    }

    /// Four `run`s into one store at once: all succeed, all four results are there.
    @Test func fourWritersAtOnce() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("shared.sqlite").path
        let commands = (1...4).map {
            [
                "run", "kursk-2024", "--runs", "1024", "--weeks", "52", "--seed", "\($0)", "--format", "json",
                "--store", store,
            ]
        }
        let results = try StoreCLI.concurrently(commands)
        for (i, r) in results.enumerated() { #expect(r.status == 0, "writer \(i): \(r.stderr)") }
        let listed = try Self.experiments(store)
        #expect(listed.count == 4 && listed.allSatisfy { $0["status"] as? String == "complete" })
        let (ok, text) = try Self.sound(store)
        #expect(ok, "\(text)")
        // Each equals the same run alone.
        for (i, command) in commands.enumerated() {
            let alone = try StoreCLI.run(Array(command.dropLast(2)) + ["--no-store"])
            #expect(alone.stdout == results[i].stdout, "writer \(i) differs from the same run alone")
        }
    }

    /// A store locked by another process past the busy timeout (2 s here, through
    /// `STALEMATE_BUSY_TIMEOUT`; 60 s by default): a clear error, then the store as it was.
    @Test func aStoreLockedPastTheBusyTimeout() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("locked.sqlite").path
        let first = try StoreCLI.run(["run", "kursk-2024", "--runs", "256", "--weeks", "20", "--store", store])
        #expect(first.status == 0)
        // Python's sqlite3 holds an exclusive lock for 20 s.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(20)",
            store,
        ]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        _ = out.fileHandleForReading.availableData  // "locked"
        let started = Date()
        let blocked = try StoreCLI.run(
            ["run", "kursk-2024", "--runs", "256", "--weeks", "20", "--store", store],
            environment: ["STALEMATE_BUSY_TIMEOUT": "2"])
        let waited = Date().timeIntervalSince(started)
        #expect(blocked.status == 65, "a run into a locked store: \(blocked.status)")
        #expect(
            blocked.stderr.contains(store) && blocked.stderr.contains("held the store for more than 2 s"),
            "\(blocked.stderr)")
        #expect(waited >= 2 && waited < 15, "it waited \(waited) s for the lock")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let listed = try Self.experiments(store)
        #expect(listed.count == 1 && listed.first?["status"] as? String == "complete")
        #expect(try Self.sound(store).0)
    }

    /// Mounts a tmpfs of `kilobytes` at a new folder; nil (a skip, or a failure where
    /// required) where this machine does not allow it.
    static func tmpfs(kilobytes: Int) throws -> URL? {
        let dir = try StoreCLI.scratchDirectory()
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        mount.arguments = ["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", dir.path]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            #expect(!required, "cannot mount a tmpfs here (root needed)")
            print("note: cannot mount a tmpfs here; the disk-fault tests are skipped")
            try? FileManager.default.removeItem(at: dir)
            return nil
        }
        return dir
    }

    static func shell(_ command: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try? p.run()
        p.waitUntilExit()
    }

    /// A full disk: the run stops with a clear message, the store stays sound with its
    /// committed batches; with space again, `resume` finishes it to the uninterrupted numbers.
    @Test func aFullDisk() throws {
        guard let disk = try Self.tmpfs(kilobytes: 600) else { return }
        defer {
            Self.shell("umount '\(disk.path)'")
            try? FileManager.default.removeItem(at: disk)
        }
        let store = disk.appendingPathComponent("full.sqlite").path
        let args = ["run", "kursk-2024", "--runs", "4096", "--weeks", "52", "--seed", "9", "--format", "json"]
        let full = try StoreCLI.run(args + ["--store", store])
        #expect(full.status != 0, "the run fitted in 600 kB")
        #expect(
            full.stderr.lowercased().contains("full") || full.stderr.lowercased().contains("space"), "\(full.stderr)")
        Self.shell("mount -o remount,size=64m '\(disk.path)'")
        let (ok, text) = try Self.sound(store)
        #expect(ok, "\(text)")
        let listed = try Self.experiments(store)
        let id = try #require(listed.first?["id"] as? Int)
        let kept = listed.first?["batches"] as? Int ?? 0
        let resumed = try StoreCLI.run(["resume", "\(id)", "--format", "json", "--store", store])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let alone = try StoreCLI.run(args + ["--no-store"])
        #expect(resumed.stdout == alone.stdout)
        print("fault injection: full disk: stopped with \(kept) batches kept; resumed to the uninterrupted bytes")
    }

    /// A read-only store: reading commands work, a recording command says so; nothing changes.
    @Test func aReadOnlyStore() throws {
        guard let disk = try Self.tmpfs(kilobytes: 65536) else { return }
        defer {
            Self.shell("umount '\(disk.path)'")
            try? FileManager.default.removeItem(at: disk)
        }
        let store = disk.appendingPathComponent("ro.sqlite").path
        #expect(
            try StoreCLI.run(["run", "kursk-2024", "--runs", "256", "--weeks", "20", "--store", store]).status == 0)
        let before = try StoreCLI.run(["history", "--store", store]).stdout
        Self.shell("mount -o remount,ro '\(disk.path)'")
        let blocked = try StoreCLI.run(["run", "kursk-2024", "--runs", "256", "--weeks", "20", "--store", store])
        #expect(blocked.status != 0 && blocked.stderr.contains(store), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("cannot be written"), "\(blocked.stderr)")
        Self.shell("mount -o remount,rw '\(disk.path)'")
        #expect(try StoreCLI.run(["history", "--store", store]).stdout == before)
        #expect(try Self.sound(store).0)
    }

    /// The store's folder removed while a run writes to it: a clear error, no hang.
    @Test(.timeLimit(.minutes(5))) func aStoreWhoseFolderDisappears() throws {
        let dir = try StoreCLI.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("s.sqlite").path
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "kursk-2024", "--runs", "8192", "--weeks", "52", "--store", store]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Until a batch is stored.
        var stored = false
        for _ in 0..<400 where !stored {
            usleep(25_000)
            let show = try StoreCLI.run(["show", "1", "--format", "json", "--store", store])
            stored = ((StoreCLI.json(show.stdout) as? [String: Any])?["batches"] as? Int ?? 0) > 0
        }
        try FileManager.default.removeItem(at: folder)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "it crashed")
        #expect(process.terminationStatus != 0, "the run claimed success with its store gone: \(message)")
        #expect(message.contains(store) && message.contains("removed or replaced"), "\(message)")
    }

    /// The server under abuse (Tests/Abuse/server_abuse.py): slow-loris clients, oversized
    /// headers, 200 event streams, a job cancelled while it writes. It keeps answering, the
    /// store stays sound, and the cancelled job resumes to the numbers of the same run
    /// uninterrupted.
    @Test(.timeLimit(.minutes(10))) func theServerUnderAbuse() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("abuse-\(UUID().uuidString).sqlite")
            .path
        let (server, port, _) = try ServeCommandTests.start([
            "--store", store, "--idle-timeout", "3", "--max-run-weeks", "1000000000",
        ])
        defer { if server.isRunning { server.terminate() } }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Abuse/server_abuse.py").path
        let abuse = Process()
        abuse.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        abuse.arguments = ["python3", script, "\(port)"]
        let out = Pipe()
        let err = Pipe()
        abuse.standardOutput = out
        abuse.standardError = err
        try abuse.run()
        let figures = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        abuse.waitUntilExit()
        print("fault injection: server abuse: \(figures)")
        #expect(abuse.terminationStatus == 0, "\(figures)\n\(errors.suffix(2000))")
        #expect(server.isRunning, "the server died")
        server.terminate()
        server.waitUntilExit()
        let (ok, text) = try Self.sound(store)
        #expect(ok, "\(text)")
        let cancelled = (StoreCLI.json(figures) as? [String: Any])?["cancel"] as? [String: Any]
        let id = try #require(cancelled?["experiment"] as? Int, "the cancelled job has no experiment: \(figures)")
        try Self.expectResumed(id, in: store, asRun: ["--runs", "40000", "--seed", "7", "--weeks", "52"])
    }

    /// SIGKILL of the server while a job writes: the store stays sound, a restarted server
    /// serves it, and `resume` finishes the job to the numbers of the same run uninterrupted.
    @Test(.timeLimit(.minutes(10))) func aKilledServerRestartsAndItsJobResumes() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID().uuidString).sqlite")
            .path
        var (server, port, _) = try ServeCommandTests.start(["--store", store, "--max-run-weeks", "1000000000"])
        defer { if server.isRunning { server.terminate() } }
        let yaml =
            try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await ServeCommandTests.request(port, "/api/scenarios/kursk-2024").1.utf8))
                    as? [String: Any])["yaml"] as! String
        let job: [String: Any] = [
            "kind": "run", "scenario": ["name": "kursk-2024", "text": yaml],
            "ensemble": ["overrides": [String](), "runs": 20_000, "seed": 3, "weeks": 52],
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        let (submitted, _) = try await ServeCommandTests.request(port, "/api/jobs", method: "POST", body: body)
        #expect(submitted == 202)
        var experiment: Int?
        for _ in 0..<600 {
            let state = try JSONSerialization.jsonObject(
                with: Data(try await ServeCommandTests.request(port, "/api/jobs/1").1.utf8))
            if let s = state as? [String: Any], let e = s["experiment"] as? Int, (s["done"] as? Int ?? 0) >= 1024 {
                experiment = e
                break
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let id = try #require(experiment)
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let (ok, text) = try Self.sound(store)
        #expect(ok, "\(text)")
        (server, port, _) = try ServeCommandTests.start(["--store", store])
        let (status, history) = try await ServeCommandTests.request(port, "/api/experiments")
        #expect(status == 200 && history.contains("interrupted"), "\(history)")
        server.terminate()
        server.waitUntilExit()
        try Self.expectResumed(id, in: store, asRun: ["--runs", "20000", "--seed", "3", "--weeks", "52"])
    }

    /// `resume id` finishes the server's kursk-2024 job to the bytes of `run kursk-2024 settings`
    /// uninterrupted, and the store stays sound.
    static func expectResumed(_ id: Int, in store: String, asRun settings: [String]) throws {
        let resumed = try StoreCLI.run(["resume", "\(id)", "--format", "json", "--store", store])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let alone = try StoreCLI.run(["run", "kursk-2024"] + settings + ["--format", "json", "--no-store"])
        #expect(resumed.stdout == alone.stdout, "the resumed job differs from the same run uninterrupted")
        #expect(try sound(store).0)
    }
}
