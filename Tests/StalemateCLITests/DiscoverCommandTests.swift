import Foundation
import Testing

/// `stalemate discover` on a sweep's points (docs/discovery.md): a trajectory from all points
/// to a denser box, box choices, and each bad input a clear error.
@Suite("stalemate discover")
struct DiscoverCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("discover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func findsABoxAndRefusesBadInput() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("s.json").path
        let made = try CLI.run([
            "sweep", "kursk-2024", "--design", "lhs", "--points", "60", "--param",
            "thirdParties.mediators.guarantee=0:1", "--param", "sides.B.contingency=0:6", "--runs", "100", "--seed",
            "2", "-o", sweep, "--no-store",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        // Of interest: the points at or above the median share settled within the horizon.
        let file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sweep))) as? [String: Any])
        let rows = try #require(file["rows"] as? [[String: Any]])
        let settled = rows.compactMap { ($0["settled"] as? [Double])?.first }.sorted()
        let median = settled[settled.count / 2]
        let found = try CLI.run(["discover", sweep, "--where", "settled >= \(median)", "--format", "json"])
        #expect(found.status == 0, "\(found.stderr)")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        let steps = try #require(d["trajectory"] as? [[String: Any]])
        #expect(d["schema"] as? String == "stalemate.discovery/1" && d["points"] as? Int == 60)
        #expect(steps.count > 2 && steps[0]["mass"] as? Double == 1 && steps[0]["coverage"] as? Double == 1)
        let chosen = try #require(d["chosen"] as? Int)
        let densities = steps.compactMap { $0["density"] as? Double }
        #expect(densities[chosen] > densities[0], "the box is no denser than all points")
        for limit in try #require(d["box"] as? [[String: Any]]) {
            let (lo, hi) = (limit["lower"] as! Double, limit["upper"] as! Double)
            #expect(lo >= limit["rangeLower"] as! Double && hi <= limit["rangeUpper"] as! Double && lo <= hi)
        }
        let table = try CLI.run(["discover", sweep, "--where", "settled >= \(median)", "--box", "1"])
        #expect(table.status == 0 && table.stdout.contains("peeling trajectory") && table.stdout.contains("box 1 ("))
        let csv = try CLI.run(["discover", sweep, "--where", "settled >= \(median)", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("box,coverage,density,mass,restricted,chosen\n"))

        func fails(_ arguments: [String], _ says: String, status: Int32? = nil) throws {
            let r = try CLI.run(["discover"] + arguments)
            #expect(r.status != 0 && r.stderr.contains(says), "\(arguments): \(r.stderr)")
            if let status { #expect(r.status == status) }
        }
        try fails([sweep, "--where", "settled is high"], "is not METRIC OP VALUE", status: 64)
        try fails([sweep, "--where", "stilAtWar104 < 0.5"], "did you mean 'stillAtWar104'", status: 64)
        try fails([sweep, "--where", "settled > 2"], "no point of the sweep has settled > 2")
        try fails([sweep, "--where", "settled >= 0"], "every point of the sweep has")
        try fails([sweep, "--where", "settled >= \(median)", "--box", "999"], "the trajectory has boxes 0 to")
        // Too few points for the parameters.
        let small = dir.appendingPathComponent("small.json").path
        _ = try CLI.run([
            "sweep", "kursk-2024", "--param", "sides.B.contingency=0:6", "--points", "6", "--runs", "20", "-o", small,
            "--no-store",
        ])
        try fails([small, "--where", "settled > 0.5"], "PRIM needs at least 20")
        // Not a sweep: a stored run, and a file of another kind.
        let store = dir.appendingPathComponent("st.sqlite").path
        _ = try CLI.run(["run", "kursk-2024", "--runs", "50", "--store", store])
        try fails(["1", "--where", "settled > 0.5", "--store", store], "is a run, not a sweep")
        try "{}".write(toFile: dir.appendingPathComponent("x.json").path, atomically: true, encoding: .utf8)
        try fails(
            [dir.appendingPathComponent("x.json").path, "--where", "settled > 0.5"], "is not a sweep's result file")
        // An edited file: a point short of a value, a level index past the levels.
        func edited(_ name: String, _ edit: (inout [[String: Any]]) -> Void) throws -> String {
            var copy = file
            var points = rows
            edit(&points)
            copy["rows"] = points
            let path = dir.appendingPathComponent(name).path
            try JSONSerialization.data(withJSONObject: copy).write(to: URL(fileURLWithPath: path))
            return path
        }
        let short = try edited("short.json") { $0[3]["values"] = [0.5] }
        try fails([short, "--where", "settled >= \(median)"], "point 3 has 1 parameter values for 2 parameters")
        let categorical = dir.appendingPathComponent("levels.json").path
        _ = try CLI.run([
            "sweep", "kursk-2024", "--param", "attritionLaw=square,linear", "--param", "sides.B.contingency=0:6",
            "--design", "lhs", "--points", "24", "--runs", "20", "-o", categorical, "--no-store",
        ])
        var levels = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: categorical)))
                as? [String: Any])
        var levelRows = try #require(levels["rows"] as? [[String: Any]])
        var values = try #require(levelRows[2]["values"] as? [Double])
        values[0] = 7
        levelRows[2]["values"] = values
        levels["rows"] = levelRows
        try JSONSerialization.data(withJSONObject: levels).write(to: URL(fileURLWithPath: categorical))
        try fails(
            [categorical, "--where", "settled >= 0.01"], "point 2 has attritionLaw = 7.0, not a level index 0...1")
    }

    /// A new sweep with a categorical parameter: the box keeps the level that matters, the
    /// discovery is recorded beside its sweep, and the stored report is the report written at once.
    @Test func sweepsNowRecordsAndReports() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("d.sqlite").path
        let html = dir.appendingPathComponent("now.html").path
        let r = try CLI.run([
            "discover", "kursk-2024", "--param", "events.kursk-incursion=on,off", "--param", "sides.B.contingency=0:6",
            "--points", "40", "--runs", "60", "--where", "stillAtWar104 < 0.2", "--resamples", "10",
            "--permutations", "199", "--format", "json", "--report", html, "--store", store,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let box = try #require(d["box"] as? [[String: Any]])
        let incursion = try #require(box.first { $0["parameter"] as? String == "events.kursk-incursion" })
        #expect(incursion["levels"] as? [String] == ["off"] && incursion["allLevels"] as? [String] == ["on", "off"])
        let features = try #require(d["features"] as? [[String: Any]])
        #expect(features[0]["parameter"] as? String == "events.kursk-incursion" && features[0]["rank"] as? Int == 1)
        let stability = try #require(d["stability"] as? [String: Any])
        #expect((stability["restricted"] as? [Double])?.first ?? 0 >= 0.9)
        // Recorded: the sweep, then the discovery; `report` draws the same page.
        let history = try CLI.run(["history", "--store", store])
        #expect(history.stdout.contains("sweep") && history.stdout.contains("discovery"), "\(history.stdout)")
        let stored = dir.appendingPathComponent("stored.html").path
        let report = try CLI.run(["report", "2", "-o", stored, "--store", store])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: stored, encoding: .utf8)
        #expect(page == (try String(contentsOfFile: html, encoding: .utf8)))
        #expect(page.contains("data-chart=\"points\"") && page.contains("data-chart=\"ranges\""))
        #expect(page.contains("The coverage–density trade-off") && page.contains("How stable the box is"))
        // The stored sweep gives the same trajectory again.
        let again = try CLI.run([
            "discover", "1", "--where", "stillAtWar104 < 0.2", "--resamples", "0", "--permutations", "0", "--format",
            "json", "--store", store,
        ])
        let e = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(
            (e["trajectory"] as? [[String: Any]])?.map { $0["n"] as? Int }
                == (d["trajectory"] as? [[String: Any]])?.map {
                    $0["n"] as? Int
                })
        // The sweep's CSV names the levels.
        let csv = try CLI.run(["export", "1", "--store", store])
        #expect(csv.stdout.contains(",off,") || csv.stdout.contains(",on,"), "\(csv.stdout.prefix(400))")

        func fails(_ arguments: [String], _ says: String) throws {
            let f = try CLI.run(arguments)
            #expect(f.status != 0 && f.stderr.contains(says), "\(arguments): \(f.stderr)")
        }
        try fails(
            ["discover", "1", "--param", "a=0:1", "--where", "settled > 0.5", "--store", store],
            "--param sweeps a scenario")
        try fails(
            ["discover", "kursk-2024", "--where", "settled > 0.5", "--no-store"], "to sweep it now, give the parameters"
        )
        try fails(
            ["sensitivity", "kursk-2024", "--param", "events.kursk-incursion=on,off", "--no-store"],
            "needs a numeric range")
        try fails(["sweep", "kursk-2024", "--param", "events.kursk-incursion=on,on", "-o", "x.csv"], "listed twice")
    }

    /// `stalemate robust`: every figure of the table follows from the outcomes it prints, the
    /// same command gives the same bytes, and bad input is refused.
    @Test func robustLevers() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("r.sqlite").path
        let arguments = [
            "robust", "kursk-2024", "--lever", "thirdParties.mediators.guarantee=0:0.8", "--lever",
            "thirdParties.mediators.decoupling=0,0.8@0:156", "--uncertain", "sides.B.contingency=0:6", "--futures", "5",
            "--lever-points", "2", "--runs", "60", "--metric", "stillAtWar104", "--format", "json",
        ]
        let r = try CLI.run(arguments + ["--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(d["schema"] as? String == "stalemate.robust/1" && d["goal"] as? String == "min")
        let settings = try #require(d["settings"] as? [[String: Any]])
        #expect(settings.count == 4)
        let outcomes = settings.map { $0["outcomes"] as! [Double] }
        let best = (0..<5).map { u in outcomes.map { $0[u] }.min()! }
        for (s, o) in zip(settings, outcomes) {
            #expect(abs((s["mean"] as! Double) - o.reduce(0, +) / 5) < 1e-12)
            #expect(abs((s["maxRegret"] as! Double) - zip(o, best).map { $0 - $1 }.max()!) < 1e-12)
        }
        let minimax = try #require(d["minimaxRegret"] as? Int)
        #expect(settings.allSatisfy { ($0["maxRegret"] as! Double) >= (settings[minimax]["maxRegret"] as! Double) })
        #expect(settings.contains { $0["nonDominated"] as? Bool == true })
        let again = try CLI.run(arguments + ["--no-store", "--threads", "1"])
        #expect(again.stdout == r.stdout, "the same job gave other bytes")
        let report = try CLI.run(["report", "1", "-o", dir.appendingPathComponent("r.html").path, "--store", store])
        #expect(report.status == 0, "\(report.stderr)")

        func fails(_ extra: [String], _ says: String) throws {
            let f = try CLI.run(["robust", "kursk-2024", "--no-store"] + extra)
            #expect(f.status != 0 && f.stderr.contains(says), "\(extra): \(f.stderr)")
        }
        try fails(
            ["--lever", "a=0:1", "--uncertain", "b=0:1", "--metric", "stillatwar104"], "did you mean 'stillAtWar104'")
        try fails(["--uncertain", "b=0:1", "--metric", "settled"], "give at least one --lever")
        try fails(
            ["--lever", "sides.B.contingency=0:1", "--uncertain", "sides.B.contingency=0:6", "--metric", "settled"],
            "both a lever and uncertain")
        try fails(
            ["--lever", "sides.B.nonsense=0:1", "--uncertain", "sides.A.contingency=0:6", "--metric", "settled"],
            "nonsense")
    }
}
