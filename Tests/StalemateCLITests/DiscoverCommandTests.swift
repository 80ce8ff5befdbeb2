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
    }
}
