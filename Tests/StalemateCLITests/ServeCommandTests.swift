import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `stalemate serve` as a real process on a real port: it prints where it listens, answers,
/// warns when bound beyond loopback, and SIGTERM stops it cleanly while a job runs (the job's
/// experiment is recorded as interrupted and `resume` finishes it).
@Suite("stalemate serve", .serialized)
struct ServeCommandTests {
    /// Starts the server on a free port; the process, its port and the lines it printed.
    func start(_ extra: [String]) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--port", "0", "--threads", "2"] + extra
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        var seen = ""
        let deadline = Date.now.addingTimeInterval(60)
        while Date.now < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let port = Int(seen[range].dropFirst("http://127.0.0.1:".count).dropLast())!
                return (process, port, out)
            }
        }
        process.terminate()
        throw CLIFailure("the server did not print its address: \(seen)")
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    func request(_ port: Int, _ path: String, method: String = "GET", body: String? = nil) async throws -> (
        Int, String
    ) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func servesAndStopsCleanlyOnSIGTERM() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).sqlite")
            .path
        let (process, port, _) = try start(["--store", store])
        defer { if process.isRunning { process.terminate() } }
        let (status, health) = try await request(port, "/api/health")
        #expect(status == 200 && health.contains(#""status": "ok""#))

        let yaml =
            try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await request(port, "/api/scenarios/kursk-2024").1.utf8))
                    as? [String: Any])["yaml"] as! String
        let job: [String: Any] = [
            "kind": "run", "scenario": ["name": "kursk-2024", "text": yaml],
            "ensemble": ["overrides": [String](), "runs": 200_000, "seed": 3],
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        let (submitted, _) = try await request(port, "/api/jobs", method: "POST", body: body)
        #expect(submitted == 202)
        // Wait until the job has stored something, then stop the server.
        var experiment: Int?
        for _ in 0..<600 {
            let state = try JSONSerialization.jsonObject(with: Data(try await request(port, "/api/jobs/1").1.utf8))
            if let s = state as? [String: Any], let e = s["experiment"] as? Int, (s["done"] as? Int ?? 0) >= 1024 {
                experiment = e
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let id = try #require(experiment)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let show = try CLI.run(["show", String(id), "--store", store])
        #expect(show.stdout.contains("interrupted"), "\(show.stdout)\(show.stderr)")
        #expect(try CLI.run(["check-store", "--store", store]).status == 0)
    }

    @Test func anAddressBeyondLoopbackIsWarnedAbout() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--host", "0.0.0.0", "--port", "0", "--no-store"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        var seen = ""
        while !seen.contains("Serving") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(seen.contains("warning: listening on 0.0.0.0: the server has no authentication"))
        #expect(process.terminationStatus == 0)
    }
}
