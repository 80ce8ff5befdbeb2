import Foundation
import StalemateTestSupport
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
    static func start(_ extra: [String]) throws -> (Process, Int, Pipe) {
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

    static func request(_ port: Int, _ path: String, method: String = "GET", body: String? = nil) async throws -> (
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
        let (process, port, _) = try Self.start(["--store", store, "--max-run-weeks", "1000000000"])
        defer { if process.isRunning { process.terminate() } }
        let (status, health) = try await Self.request(port, "/api/health")
        #expect(status == 200 && health.contains(#""status": "ok""#))

        let yaml =
            try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await Self.request(port, "/api/scenarios/kursk-2024").1.utf8))
                    as? [String: Any])["yaml"] as! String
        let job: [String: Any] = [
            "kind": "run", "scenario": ["name": "kursk-2024", "text": yaml],
            // Far longer than the test: it is still running when SIGTERM comes, however loaded the machine.
            "ensemble": ["overrides": [String](), "runs": 5_000_000, "seed": 3],
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        let (submitted, _) = try await Self.request(port, "/api/jobs", method: "POST", body: body)
        #expect(submitted == 202)
        // Wait until the job has stored something, then stop the server.
        var experiment: Int?
        for _ in 0..<600 {
            let state = try JSONSerialization.jsonObject(with: Data(try await Self.request(port, "/api/jobs/1").1.utf8))
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

    /// schemathesis (PyPI) generates requests from `/openapi.json` and checks every answer:
    /// no server error, status codes, content types, headers and bodies as the document says,
    /// 405 for methods it does not list, bad requests refused. Its one check left out,
    /// `positive_data_acceptance`, expects every schema-valid job to be accepted, which no
    /// schema can promise: a job's scenario is YAML text that must also make a valid war.
    /// Skipped where schemathesis is not installed, unless STALEMATE_REQUIRE_SCHEMATHESIS=1.
    @Test func schemathesisFindsNoServerErrorOrSchemaViolation() throws {
        guard try pythonCanImport("schemathesis") else {
            #expect(
                ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_SCHEMATHESIS"] != "1",
                "schemathesis is required here (pip install schemathesis)")
            print("note: schemathesis is not installed; the API's schema test is skipped")
            return
        }
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString).sqlite").path
        let (server, port, _) = try Self.start(["--store", store, "--max-run-weeks", "2000000"])
        defer { if server.isRunning { server.terminate() } }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = [
            "python3", "-m", "schemathesis.cli", "run", "http://127.0.0.1:\(port)/openapi.json", "--checks", "all",
            "--exclude-checks",
            "positive_data_acceptance", "--max-examples", "25", "--seed", "20241127", "--generation-deterministic",
            "--no-color",
        ]
        let out = Pipe()
        run.standardOutput = out
        run.standardError = out
        try run.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        if let directory = ProcessInfo.processInfo.environment["STALEMATE_ARTIFACTS"] {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? text.write(toFile: directory + "/schemathesis.txt", atomically: true, encoding: .utf8)
        }
        #expect(run.terminationStatus == 0, "\(text.suffix(4000))")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    /// The dashboard in Debian's Chromium, driven by Selenium (Tests/Browser/dashboard.py):
    /// the baseline's charts, a lever moved and the comparison drawn, one war's story, a
    /// broken scenario marked at its line, no console error; screenshots kept in
    /// $STALEMATE_ARTIFACTS/dashboard. Skipped without Selenium and chromedriver, unless
    /// STALEMATE_REQUIRE_BROWSER=1.
    @Test func theDashboardWorksInARealBrowser() throws {
        let ready =
            try pythonCanImport("selenium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        guard ready else {
            #expect(
                ProcessInfo.processInfo.environment["STALEMATE_REQUIRE_BROWSER"] != "1",
                "Selenium, chromium and chromium-driver are required here (pip install selenium; apt-get install chromium chromium-driver)"
            )
            print("note: Selenium or chromium-driver is missing; the dashboard's browser test is skipped")
            return
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Browser/dashboard.py").path
        let artifacts =
            (ProcessInfo.processInfo.environment["STALEMATE_ARTIFACTS"]
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("stalemate-\(UUID().uuidString)").path)
            + "/dashboard"
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("dash-\(UUID().uuidString).sqlite")
            .path
        let (server, port, _) = try Self.start(["--store", store])
        defer { if server.isRunning { server.terminate() } }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // 2,000 runs per arm: this is a debug build, sharing the machine with the other tests.
        run.arguments = ["python3", script, "check", "http://127.0.0.1:\(port)/?runs=2000", artifacts]
        let out = Pipe()
        run.standardOutput = out
        run.standardError = out
        try run.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0, "\(text.suffix(4000))")
        for shot in ["baseline", "levers", "history", "story", "yaml-error"] {
            #expect(
                FileManager.default.fileExists(atPath: "\(artifacts)/dashboard-\(shot).png"), "no \(shot) screenshot")
        }
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    /// A client that never finishes its request is disconnected after --idle-timeout, and
    /// the server answers others meanwhile.
    @Test func aSlowClientTimesOut() async throws {
        let (server, port, _) = try Self.start(["--no-store", "--idle-timeout", "2"])
        defer { if server.isRunning { server.terminate() } }
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        let started = Date.now
        var closed = false
        // A header line every half second, never the blank line that ends the request.
        let partial = "GET /api/health HTTP/1.1\r\nHost: x\r\n"
        _ = partial.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        while Date.now.timeIntervalSince(started) < 20 {
            let (status, _) = try await Self.request(port, "/api/health")
            #expect(status == 200)
            try await Task.sleep(for: .milliseconds(500))
            let sent = "X-Slow: 1\r\n".withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            var byte: UInt8 = 0
            let peeked = recv(socket, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
            if sent < 0 || peeked == 0 {
                closed = true
                break
            }
        }
        let after = Date.now.timeIntervalSince(started)
        #expect(closed, "the slow connection was still open after \(after) s")
        #expect(after >= 1.5, "closed after \(after) s, before the idle timeout")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
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
