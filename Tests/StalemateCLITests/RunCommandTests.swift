import Foundation
import Testing

@Suite("stalemate run")
struct RunCommandTests {
    /// docs/model.md §11 / issue: the same command gives byte-identical JSON with 1 and 2 threads.
    @Test func jsonIsIdenticalForOneAndTwoThreads() throws {
        let args = ["run", "kursk-2024", "--runs", "600", "--seed", "11", "--format", "json"]
        let one = try CLI.run(args + ["--threads", "1"])
        let two = try CLI.run(args + ["--threads", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(two.status == 0)
        #expect(one.stdout == two.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any]
        #expect(json?["schema"] as? String == "stalemate.run/1")
        let outcomes = json?["outcomes"] as? [[String: Any]] ?? []
        #expect(outcomes.count == 5)
        let total = outcomes.compactMap { $0["count"] as? Int }.reduce(0, +)
        #expect(total == 600)
    }

    /// Golden output of the table format on a small textbook scenario. Re-record with
    /// `RECORD_SNAPSHOTS=1 swift test --filter RunCommandTests`.
    @Test(arguments: ["table", "csv"])
    func goldenOutput(format: String) throws {
        let result = try CLI.run([
            "run", "complete-information", "--runs", "200", "--seed", "3", "--format", format, "--threads", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/complete-information.\(format).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test func trajectoriesHaveOneRowPerRunAndWeek() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("traj-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run([
            "run", "kursk-2024", "--runs", "20", "--weeks", "60", "--trajectories", out.path, "--trajectory-runs", "3",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("run,week,share,phase") == true)
        // Every run lasts 60 weeks at most; runs that end early stop early.
        #expect(lines.count > 1 && lines.count <= 1 + 3 * 60)
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }) == ["0", "1", "2"])
    }

    @Test func setOverridesChangeTheResult() throws {
        let base = try CLI.run(["run", "kursk-2024", "--runs", "300", "--format", "json"])
        let decoupled = try CLI.run([
            "run", "kursk-2024", "--runs", "300", "--format", "json", "--set", "thirdParties.mediators.decoupling=0.9",
        ])
        #expect(base.status == 0 && decoupled.status == 0, "\(decoupled.stderr)")
        #expect(base.stdout != decoupled.stdout)
        #expect(decoupled.stdout.contains("thirdParties.mediators.decoupling=0.9"))
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test func malformedScenarioNamesFileLineColumnAndFix() throws {
        let file = try CLI.temporaryFile(
            "broken.yaml",
            """
            scenario: broken
            sides:
              A: { name: X, contingency: "high" }
              B: { name: Y }
            regions:
              - { id: front, home: A, value: 1, control: 1.5 }
            """)
        let result = try CLI.run(["run", file.path, "--runs", "10"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.yaml:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("sides.A.contingency"))
        #expect(result.stderr.contains("broken.yaml:6:"))
        #expect(result.stderr.contains("0...1"))
        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 65)
    }

    @Test func outOfRangeOverrideSaysWhatIsAllowed() throws {
        let result = try CLI.run(["run", "kursk-2024", "--runs", "10", "--set", "sides.B.contingency=99"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("contingency"))
        #expect(result.stderr.contains("0...50"), "\(result.stderr)")
    }

    @Test func unknownOverrideKeySuggestsTheClosest() throws {
        let result = try CLI.run(["run", "kursk-2024", "--runs", "10", "--set", "sides.B.contingncy=1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("contingency"), "\(result.stderr)")
    }

    @Test func unknownScenarioListsTheBundledOnes() throws {
        let result = try CLI.run(["run", "kursk-2025", "--runs", "10"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("kursk-2024"), "\(result.stderr)")
    }

    @Test(arguments: [["--runs", "0"], ["--threads", "0"], ["--weeks", "-3"], ["--format", "xml"]])
    func badOptionsAreRejected(arguments: [String]) throws {
        let result = try CLI.run(["run", "kursk-2024"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func scenariosListsEveryBundledScenario() throws {
        let result = try CLI.run(["scenarios"])
        #expect(result.status == 0)
        for name in ["kursk-2024", "gamblers-ruin", "complete-information", "lanchester-duel"] {
            #expect(result.stdout.contains(name))
        }
        let valid = try CLI.run(["validate", "kursk-2024"])
        #expect(valid.status == 0 && valid.stdout.hasPrefix("ok: kursk-2024"))
    }
}

@Suite("Horizon")
struct HorizonTests {
    /// A horizon shorter than the scenario's drops what comes after it and names it once.
    @Test func aShorterHorizonDropsLaterEventsAndSaysSo() throws {
        let result = try CLI.run(["run", "kursk-2024-hindcast", "--runs", "10", "--weeks", "20", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let notes = result.stderr.split(separator: "\n").filter { $0.hasPrefix("note: the horizon of 20 weeks") }
        #expect(notes.count == 1, "\(result.stderr)")
        for id in ["events.istanbul-talks", "events.jeddah-talks", "thirdParties.us.aid from week 24"] {
            #expect(notes.first?.contains(id) == true, "\(id): \(result.stderr)")
        }
        #expect(!result.stderr.contains("--set"))
        #expect(result.stdout.contains("10 runs × 20 weeks"))
        // Nothing past the horizon: no note.
        let full = try CLI.run(["run", "kursk-2024", "--runs", "10", "--weeks", "26", "--no-store"])
        #expect(full.status == 0 && !full.stderr.contains("note:"), "\(full.stderr)")
    }
}

@Suite("stalemate sweep")
struct SweepCommandTests {
    /// Ctrl-C keeps the finished points; --resume finishes with the same file as a straight run.
    @Test func interruptThenResume() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["sweep", "kursk-2024", "--param", "sides.B.baseWillingness=-4:0", "--points", "6", "--runs", "400"]
        let straight = dir.appendingPathComponent("straight.csv")
        #expect(try CLI.run(args + ["-o", straight.path]).status == 0)

        let out = dir.appendingPathComponent("out.csv")
        let partial = URL(fileURLWithPath: out.path + ".partial")
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = args + ["-o", out.path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["STALEMATE_STORE": dir.appendingPathComponent("store.sqlite").path]) { _, new in new }
        process.standardError = Pipe()
        process.standardOutput = Pipe()
        try process.run()
        // Wait (bounded) until a first point is written, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = (try? String(contentsOf: partial, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if lines >= 2 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.interrupt()
        process.waitUntilExit()
        if process.terminationStatus == 0 {
            // The sweep finished before the signal arrived: nothing to resume.
            #expect(try String(contentsOf: out, encoding: .utf8) == String(contentsOf: straight, encoding: .utf8))
            return
        }
        #expect(process.terminationStatus == 130)
        let kept = try String(contentsOf: partial, encoding: .utf8).split(separator: "\n").count - 1
        #expect(kept >= 1 && kept < 6)
        #expect(try CLI.run(args + ["-o", out.path]).status == 65)
        let resumed = try CLI.run(args + ["-o", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == String(contentsOf: straight, encoding: .utf8))
    }
}

@Suite("Analysis commands")
struct AnalysisCommandTests {
    static var data: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data")
    }

    @Test func fitLanchesterOnIwoJima() throws {
        let result = try CLI.run([
            "fit", "lanchester", Self.data.appendingPathComponent("helmbold-iwojima-1945.csv").path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("square"))
        let bad = try CLI.run(["fit", "lanchester", "/nonexistent.csv"])
        #expect(bad.status == 65)
    }

    @Test func explainAndCompareRun() throws {
        let explain = try CLI.run(["explain", "kursk-2024", "--runs", "200", "--every", "52"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("B:inc"))
        let compare = try CLI.run([
            "compare", "kursk-2024", "--runs", "200", "--variant", "calm:sides.B.suspensionSensitivity=0", "--format",
            "csv",
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("variant,metric,"))
        let bad = try CLI.run(["compare", "kursk-2024", "--runs", "20", "--variant", "oops"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("NAME:key=value"))
    }

    @Test func calibrateNeedsParametersOutsideTheShippedCase() throws {
        let result = try CLI.run([
            "calibrate", "kursk-2024", "--target",
            Self.data.appendingPathComponent("cow-interstate-wars-v4.0.csv").path,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("--param"))
    }
}

@Suite("Assumptions on the command line")
struct AssumptionCommandTests {
    /// Without --param, sensitivity varies the scenario's assumptions; a scenario without them
    /// gets a clear error.
    @Test func sensitivityDefaultsToTheScenariosAssumptions() throws {
        let r = try CLI.run([
            "sensitivity", "kursk-2024", "--size", "2", "--runs", "10", "--format", "json", "--no-store",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let effects = try #require(json["morris"] as? [[String: Any]])
        #expect(effects.count >= 30 && effects.contains { $0["name"] as? String == "sides.A.weeklyCost" })
        let none = try CLI.run(["sensitivity", "gamblers-ruin", "--size", "2", "--runs", "10", "--no-store"])
        #expect(none.status == 65 && none.stderr.contains("--param"), "\(none.stderr)")
    }

    /// analyze places the notes after the introduction and ends with the uncertainty section;
    /// a missing notes file fails before anything runs.
    @Test func analyzeAddsNotesAndUncertainty() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let notes = dir.appendingPathComponent("notes.md")
        try "### Read this first\n\nA hand-written note.\n".write(to: notes, atomically: true, encoding: .utf8)
        let args = [
            "analyze", "kursk-2024", "--runs", "40", "--uncertainty-points", "3", "--uncertainty-runs", "10",
            "--morris-trajectories", "2",
        ]
        let r = try CLI.run(args + ["--notes", notes.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = r.stdout
        let note = try #require(text.range(of: "A hand-written note."))
        let arms = try #require(text.range(of: "Arms:"))
        #expect(note.lowerBound < arms.lowerBound)
        #expect(text.contains("## Parameter uncertainty"))
        #expect(text.contains("| `sides.A.weeklyCost` |"))
        let missing = try CLI.run(args + ["--notes", dir.appendingPathComponent("none.md").path])
        #expect(missing.status == 65 && missing.stderr.contains("cannot read the notes"), "\(missing.stderr)")
    }
}
