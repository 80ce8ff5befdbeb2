import Foundation
import Testing

/// What users read when something is wrong: one row per case, with the exit code (64 usage,
/// 65 data) and what the message must and must not say.
@Suite("Messages")
struct MessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The command; `FILE` is replaced by the path of a file holding `file`.
        var arguments: [String]
        var file: String? = nil
        var status: Int32
        var says: [String]
        var never: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a missing file", arguments: ["validate", "/nonexistent/war.yaml"], status: 65,
            says: ["there is no file at this path", "Fix:"], never: [".."]),
        Case(
            name: "a tab in the indentation", arguments: ["validate", "FILE"],
            file: "scenario: x\nsides:\n\tA: {}\n", status: 65, says: [":3:1:", "tab character", "spaces"]),
        Case(
            name: "a duplicate key, at its second occurrence", arguments: ["validate", "FILE"],
            file: "scenario: x\nscenario: y\n", status: 65, says: [":2:1:", "duplicate key 'scenario'"]),
        Case(
            name: "an empty file", arguments: ["validate", "FILE"], file: "# nothing yet\n", status: 65,
            says: ["the file is empty", "scenarios --show"], never: ["required key"]),
        Case(
            name: "a bad key inside --variant names the variant",
            arguments: ["compare", "kursk-2024", "--variant", "x:sides.B.contingncy=1", "--runs", "10", "--no-store"],
            status: 65, says: ["--variant x:", "did you mean 'contingency'"], never: ["--set"]),
        Case(
            name: "a malformed --variant is a usage error",
            arguments: ["compare", "kursk-2024", "--variant", "nocolon", "--no-store"], status: 64,
            says: ["--variant nocolon", "NAME:key=value"]),
        Case(
            name: "a malformed --param is a usage error (sweep)",
            arguments: ["sweep", "kursk-2024", "--param", "bad", "--points", "2", "-o", "/tmp/never.csv"], status: 64,
            says: ["--param bad", "key=lo:hi"]),
        Case(
            name: "a malformed --param is a usage error (sensitivity)",
            arguments: ["sensitivity", "kursk-2024", "--param", "x=2:1", "--no-store"], status: 64,
            says: ["is empty; give lo < hi"]),
        Case(
            name: "a --size too large to draw is refused before drawing it",
            arguments: [
                "sensitivity", "kursk-2024", "--param", "sides.B.contingency=0:6", "--size", "1000000000000",
                "--no-store",
            ], status: 65, says: ["--size 1000000000000 over 1 parameters", "more than 100000"],
            never: ["Fatal", "killed"]),
        Case(
            name: "a scenario name without --show", arguments: ["scenarios", "kursk-2024"], status: 64,
            says: ["--show kursk-2024"]),
        Case(
            name: "a negative strength in Helmbold's layout (the fuzzer's reproducer)",
            arguments: ["fit", "lanchester", "FILE"], file: "Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,,1,,,-1\n",
            status: 65, says: ["line 2", "'Ashore'", "cannot be negative"], never: ["Fatal", "precondition"]),
        Case(
            name: "analyze on a scenario without the incursion event names --incursion-event",
            arguments: ["analyze", "gamblers-ruin", "--runs", "10", "--incursion-event", "none"], status: 65,
            says: ["--incursion-event none", "has no such event"], never: ["--variant"]),
        Case(
            name: "an unsupported battle-data layout names the supported ones",
            arguments: ["fit", "lanchester", "FILE"],
            file: "date,division,strength\n1944-12-16,1,100\n", status: 65,
            says: ["neither supported layout", "day,reinforcementsA,lossesA,strengthB", "Helmbold"]),
    ]

    @Test(arguments: cases)
    func saysWhatAndWhere(_ c: Case) throws {
        var arguments = c.arguments
        var url: URL? = nil
        if let file = c.file {
            let written = FileManager.default.temporaryDirectory.appendingPathComponent("message-\(UUID().uuidString)")
                .appendingPathExtension(c.arguments.first == "fit" ? "csv" : "yaml")
            try file.write(to: written, atomically: true, encoding: .utf8)
            url = written
            arguments = arguments.map { $0 == "FILE" ? written.path : $0 }
        }
        defer { url.map { try? FileManager.default.removeItem(at: $0) } }
        let r = try CLI.run(arguments)
        #expect(r.status == c.status, "\(r.stderr)")
        for text in c.says { #expect(r.stderr.contains(text), "\(text): \(r.stderr)") }
        for text in c.never { #expect(!r.stderr.contains(text), "\(text): \(r.stderr)") }
    }

    /// Messages about stored experiments: the kind in words, one chart in the singular, and
    /// `history` aligned once ids reach 10.
    @Test func storedExperimentMessages() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try CLI.run(["explain", "gamblers-ruin", "--runs", "10", "--store", store]).status == 0)
        let report = try CLI.run(["report", "1", "--store", store, "-o", dir.appendingPathComponent("r.html").path])
        #expect(report.status == 65 && report.stderr.contains("is of kind 'explain'"), "\(report.stderr)")
        let sensitivity = try CLI.run([
            "sensitivity", "gamblers-ruin", "--param", "sides.A.contingency=0:2", "--size", "2", "--runs", "5",
            "--store", store,
        ])
        #expect(sensitivity.status == 0, "\(sensitivity.stderr)")
        let one = try CLI.run(["report", "2", "--store", store, "-o", dir.appendingPathComponent("s.html").path])
        #expect(one.stdout.contains("(1 chart)"), "\(one.stdout)")
        for _ in 0..<8 { _ = try CLI.run(["run", "gamblers-ruin", "--runs", "5", "--store", store]) }
        let history = try CLI.run(["history", "--store", store]).stdout.split(separator: "\n").map(String.init)
        let ids = history.dropFirst().map { String($0.prefix(2)) }
        #expect(ids.first == "10" && ids.last == " 1", "\(history)")
    }
}

/// `--format` everywhere it prints results (README, "Output conventions").
@Suite("One vocabulary")
struct VocabularyTests {
    @Test func validateExplainAndSensitivitySpeakTheSameFormats() throws {
        let good = try CLI.run(["validate", "kursk-2024", "--format", "json"])
        #expect(good.status == 0 && good.stdout.contains("\"ok\" : true"), "\(good.stdout)")
        let bad = try CLI.run(["validate", "kursk-2024", "--set", "sides.A.contingncy=1", "--format", "json"])
        #expect(bad.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "stalemate.validation/1" && json["ok"] as? Bool == false)
        let problem = try #require((json["problems"] as? [[String: Any]])?.first)
        #expect(problem["key"] as? String == "sides.A.contingncy" && (problem["fix"] as? String)?.isEmpty == false)
        let explain = try CLI.run(["explain", "gamblers-ruin", "--runs", "20", "--format", "csv", "--no-store"])
        #expect(explain.status == 0 && explain.stdout.hasPrefix("week,measure,key,share\n"), "\(explain.stderr)")
        let sensitivity = try CLI.run([
            "sensitivity", "gamblers-ruin", "--param", "sides.A.contingency=0:2", "--size", "2", "--runs", "5",
            "--format", "csv", "--no-store",
        ])
        #expect(sensitivity.stdout.hasPrefix("parameter,method,metric,measure,value,lower,upper\n"))
        #expect(!sensitivity.stdout.contains("-0,") && !sensitivity.stdout.contains("e-2"))
        let unsupported = try CLI.run(["history", "--format", "csv"])
        #expect(unsupported.status == 64 && unsupported.stderr.contains("table or json"))
    }
}

/// `export` writes named columns and `_lower/_upper` intervals, with clean numbers.
@Test func exportsAreTidy() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tidy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = dir.appendingPathComponent("s.sqlite").path
    let sweep = try CLI.run([
        "sweep", "gamblers-ruin", "--param", "sides.A.contingency=0:2", "--points", "2", "--runs", "20", "-o",
        dir.appendingPathComponent("sweep.csv").path, "--store", store,
    ])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let points = try CLI.run(["export", "1", "--store", store]).stdout
    let header = try #require(points.split(separator: "\n").first).split(separator: ",").map(String.init)
    for column in ["sides.A.contingency", "settled", "settled_lower", "settled_upper", "stillAtWar52_upper"] {
        #expect(header.contains(column), "\(column): \(header)")
    }
    #expect(!header.contains { $0.hasPrefix("values_") || $0.hasSuffix("_0") })
    let compare = try CLI.run([
        "compare", "gamblers-ruin", "--variant", "a:sides.A.contingency=1", "--runs", "20", "--store", store,
    ])
    #expect(compare.status == 0, "\(compare.stderr)")
    let arms = try CLI.run(["export", "2", "--store", store]).stdout
    #expect(arms.hasPrefix("experiment_id,section,row_index,name,outcomes.settled.ci95_lower,"), "\(arms.prefix(200))")
    #expect(!arms.contains("e-1") && !arms.contains("e-2") && !arms.contains(",-0,"))
}

/// Ctrl-C during a run says how to finish it, and exits with the shell's code for SIGINT.
@Test func ctrlCDuringARunSaysHowToResume() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctrlc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = [
        "run", "kursk-2024", "--runs", "5000000", "--store", dir.appendingPathComponent("s.sqlite").path,
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = Pipe()
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    process.interrupt()
    process.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 130, "\(stderr)")
    #expect(stderr.contains("finish it with `stalemate resume 1`"), "\(stderr)")
}

/// Help and version are not errors; `--threads` is checked the same way on every command.
@Test func helpVersionAndThreads() throws {
    for arguments in [["--help"], ["run", "--help"], ["sweep", "--help"], ["plan", "--help"], ["--version"]] {
        let r = try CLI.run(arguments)
        #expect(
            r.status == 0 && !r.stdout.isEmpty && !r.stderr.contains("internal error") && !r.stderr.contains("Error"),
            "\(arguments): \(r.stderr)")
    }
    for command in [
        ["run"], ["explain"], ["compare"], ["sensitivity"],
        ["sweep", "--param", "model.meetingRate=0:1", "-o", "/tmp/x.csv"],
    ] {
        let r = try CLI.run(command + ["--threads", "0", "--no-store"])
        #expect(r.status == 64 && r.stderr.contains("--threads must be in 1...512"), "\(command): \(r.stderr)")
    }
}
