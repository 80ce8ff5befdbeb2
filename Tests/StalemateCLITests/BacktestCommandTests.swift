import Foundation
import Testing

@Suite("stalemate backtest")
struct BacktestCommandTests {
    /// The shipped DeepState series (data/README.md).
    static let observed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/ukraine-occupied-weekly-2024-08-to-2025-02.csv").path

    static let base = [
        "backtest", "kursk-2024", "--observed", observed, "--column", "occupied_km2", "--scale", "0.001",
        "--observable", "occupied.A", "--runs", "300",
    ]

    /// JSON names that scripts rely on (docs/backtest.md), identical for 1 and 2 threads.
    @Test func jsonSummaryHasTheDocumentedNames() throws {
        let one = try CLI.run(Self.base + ["--format", "json", "--no-store", "--threads", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try CLI.run(Self.base + ["--format", "json", "--no-store", "--threads", "2"])
        #expect(one.stdout == two.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "stalemate.backtest/1")
        let summary = try #require(json["summary"] as? [String: Any])
        let crps = try #require(summary["crps"] as? [String: Any])
        for key in ["model", "persistence", "trend"] { #expect(crps[key] is Double, "summary.crps.\(key)") }
        let coverage = try #require(summary["coverage"] as? [String: Any])
        #expect(coverage["p50"] is Double && coverage["p90"] is Double)
        let bands = try #require(json["bands"] as? [[String: Any]])
        #expect(bands.map { $0["band"] as? String } == ["1-4", "5-13", "14-26"])
        #expect(((bands[0]["crps"] as? [String: Any])?["model"]) is Double)
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        #expect(weeks.count == 26)
        // The notes go to stderr: four rows before week 0.
        #expect(one.stderr.contains("4 row(s) before week 0"))
    }

    /// CSV: one tidy row per week and forecaster.
    @Test func csvIsTidy() throws {
        let r = try CLI.run(Self.base + ["--format", "csv", "--no-store"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("week,date,forecaster,observed,median,q05,q25,q75,q95,crps,pit_lower,pit_upper"))
        #expect(lines.count == 1 + 26 * 3)
        #expect(lines[1].hasPrefix("1,2024-08-12,model,109.593,"))
    }

    /// Recorded in the store like every other command, with a report and tidy rows.
    @Test func recordedWithAReportAndRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try CLI.run(Self.base + ["--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Mean CRPS by weeks ahead"))
        let history = try CLI.run(["history", "--store", store, "--kind", "backtest"])
        #expect(history.stdout.contains("backtest"))
        let html = dir.appendingPathComponent("b.html")
        let report = try CLI.run(["report", "1", "-o", html.path, "--store", store])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("data-chart=\"histogram\"") && text.contains("data-observed=\"true\""))
        #expect(text.contains("Scores by weeks ahead") && !text.contains("no data to show"))
        let rows = try CLI.run(["export", "1", "--store", store, "--section", "band"])
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(rows.stdout.split(separator: "\n").count == 1 + 4 * 3)
        let summary = try CLI.run(["export", "1", "--store", store, "--what", "summary", "--format", "json"])
        let direct = try CLI.run(Self.base + ["--format", "json", "--no-store"])
        #expect(summary.stdout == direct.stdout)
    }

    /// Every bad input is a located error (file:line:column) and exit 65, or a usage error (64).
    @Test func badInputIsALocatedError() throws {
        let bad: [(csv: String, extra: [String], message: String)] = [
            ("date,km\n2024-08-05,1\n", [], ":1:1: no column 'value'"),
            ("date,value\n2024-08-05,1\n2024-08-12,x\n", [], ":3:12: column 'value' holds 'x'"),
            ("date,value\n2024-08-12,1\n2024-08-05,2\n", [], ":3:1: week 0 comes after week 1"),
            ("date,value\n2024-08-05,1\n2024-08-05,2\n", [], ":3:1: week 0 appears twice"),
            ("date,value\n2024-08-05,1\n", [], "nothing to score"),
            ("date,value\n2024-08-12,1\n", [], "persistence baseline needs one"),
        ]
        for (i, c) in bad.enumerated() {
            let file = try CLI.temporaryFile("bad\(i).csv", c.csv)
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let r = try CLI.run(
                [
                    "backtest", "kursk-2024", "--observed", file.path, "--observable", "share", "--runs", "10",
                    "--no-store",
                ]
                    + c.extra)
            #expect(r.status == 65, "\(c.csv): \(r.stderr)")
            #expect(r.stderr.contains(c.message), "\(r.stderr)")
            #expect(r.stderr.contains(file.path), "\(r.stderr)")
        }
        let unknown = try CLI.run(Self.base.map { $0 == "occupied.A" ? "ocupied.A" : $0 } + ["--no-store"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("did you mean 'occupied.A'?"))
        let missing = try CLI.run(["backtest", "kursk-2024", "--observed", "/nonexistent.csv", "--observable", "share"])
        #expect(missing.status == 65 && missing.stderr.contains("/nonexistent.csv"))
        let scale = try CLI.run(Self.base + ["--scale", "0"])
        #expect(scale.status == 64)
    }

    /// kursk-2024 declares its observations: `backtest kursk-2024` needs no options, and the
    /// report of a stored run carries the backtest (the same runs simulated again).
    @Test func declaredObservationsNeedNoOptions() throws {
        let declared = try CLI.run(["backtest", "kursk-2024", "--runs", "300", "--format", "json", "--no-store"])
        #expect(declared.status == 0, "\(declared.stderr)")
        let explicit = try CLI.run(Self.base + ["--format", "json", "--no-store"])
        func summary(_ text: String) throws -> NSDictionary {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(json["summary"] as? NSDictionary)
        }
        #expect(try summary(declared.stdout) == summary(explicit.stdout))
        #expect(declared.stdout.contains("\"file\" : \"kursk-2024: ukraine-occupied-weekly-2024-08-to-2025-02.csv\""))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-bt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try CLI.run(["run", "kursk-2024", "--runs", "200", "--store", store]).status == 0)
        #expect(try CLI.run(["run", "complete-information", "--runs", "200", "--store", store]).status == 0)
        for (id, hasBacktest) in [("1", true), ("2", false)] {
            let html = dir.appendingPathComponent("\(id).html")
            let report = try CLI.run(["report", id, "-o", html.path, "--store", store])
            #expect(report.status == 0, "\(report.stderr)")
            let text = try String(contentsOf: html, encoding: .utf8)
            #expect(text.contains("data-chart=\"histogram\"") == hasBacktest, "report \(id)")
            #expect(text.contains("Forecast against what happened") == hasBacktest, "report \(id)")
        }
        // A scenario without observations asks for --observed.
        let none = try CLI.run(["backtest", "complete-information", "--runs", "10", "--no-store"])
        #expect(none.status == 65 && none.stderr.contains("--observed"))
    }
}
