import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StalemateAnalysis
import StalemateCore
import StalemateJobs
import StalemateScenario
import StalemateStore
import Testing

@testable import StalemateServer

/// A fresh store path in its own scratch directory.
func scratchStore() throws -> Store {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stalemate-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try Store(path: dir.appendingPathComponent("store.sqlite").path)
}

/// A run job of kursk-2024 as a client sends it.
func runJob(runs: Int, seed: UInt64 = 7, weeks: Int? = nil) throws -> (JobSpec, String) {
    let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
    let spec = JobSpec.run(
        RunSpec(scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: runs, seed: seed, weeks: weeks)))
    return (spec, try spec.json())
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

extension TestClientProtocol {
    func post(_ uri: String, _ text: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, body: ByteBuffer(string: text))
    }

    func get(_ uri: String) async throws -> TestResponse { try await execute(uri: uri, method: .get) }

    /// Polls a job until it has finished; its last state.
    func finished(_ id: Int, within seconds: Double = 120) async throws -> [String: Any] {
        let deadline = Date.now.addingTimeInterval(seconds)
        while Date.now < deadline {
            let state = try await get("/api/jobs/\(id)").json()
            if let status = state["status"] as? String, status != "queued" && status != "running" { return state }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("job \(id) did not finish within \(seconds) s")
        return [:]
    }
}

@Suite("stalemate serve: the HTTP API")
struct ServerTests {
    func app(_ options: ServerOptions = ServerOptions(threads: 2), store: Store? = nil) -> some ApplicationProtocol {
        StalemateServer.application(options: options, store: store)
    }

    @Test func scenariosAndHealth() async throws {
        try await app().test(.router) { client in
            #expect(try await client.get("/api/health").json()["status"] as? String == "ok")
            let list = try await client.get("/api/scenarios")
            let names = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
                .compactMap { $0["name"] as? String }
            #expect(names == BundledScenarios.names)
            let kursk = try await client.get("/api/scenarios/kursk-2024").json()
            #expect(kursk["yaml"] as? String == (try ScenarioLoader.bundled(name: "kursk-2024")).sourceText)
            let missing = try await client.get("/api/scenarios/atlantis")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["error"] as? String != nil && missing.text.contains("kursk-2024"))
        }
    }

    @Test func validationLocatesProblems() async throws {
        try await app().test(.router) { client in
            let good = try await client.post("/api/validate", try ScenarioLoader.bundled(name: "kursk-2024").sourceText)
            #expect(try good.json()["valid"] as? Bool == true)
            let broken = try await client.post("/api/validate", "id: x\ntitle: t\nsides: [\n")
            let answer = try broken.json()
            #expect(answer["valid"] as? Bool == false)
            let problems = try #require(answer["problems"] as? [[String: Any]])
            #expect(problems.first?["line"] as? Int == 4)
            #expect((problems.first?["fix"] as? String)?.isEmpty == false)
        }
    }

    /// The API's result is the CLI's `--format json` of the same job, byte for byte (both are
    /// `JobResult.json()` of the job run by `JobRunner`), and the store records it.
    @Test func aJobsResultIsTheCommandLinesJSON() async throws {
        let store = try scratchStore()
        let (spec, json) = try runJob(runs: 600)
        let local = try JobRunner(threads: 1).run(spec).json()
        try await app(store: store).test(.router) { client in
            let submitted = try await client.post("/api/jobs", json)
            #expect(submitted.status == .accepted)
            #expect(submitted.headers[.location] == "/api/jobs/1")
            #expect(try submitted.json()["identity"] as? String == (try spec.identity()))
            let state = try await client.finished(1)
            #expect(state["status"] as? String == "complete")
            #expect(state["done"] as? Int == 600)
            let result = try await client.get("/api/jobs/1/result")
            #expect(result.status == .ok)
            #expect(result.text == local)
            let experiment = try #require(state["experiment"] as? Int)
            let history = try await client.get("/api/experiments")
            #expect(history.text.contains("\"id\" : \(experiment)"))
            let csv = try await client.get("/api/experiments/\(experiment)/export")
            #expect(csv.text.hasPrefix("experiment_id,arm,run_index,outcome"))
            #expect(csv.text.split(separator: "\n").count == 601)
            let jobReport = try await client.get("/api/jobs/1/report")
            #expect(jobReport.status == .ok && jobReport.text.contains("<svg"))
            let report = try await client.get("/api/experiments/\(experiment)/report")
            #expect(report.status == .ok && report.text.contains("<svg"))
            #expect(try await client.get("/api/experiments/999/report").status == .notFound)
            // Its events: the stream of a finished job is its final state, then it ends.
            let events = try await client.get("/api/jobs/1/events")
            #expect(events.headers[.contentType] == "text/event-stream")
            #expect(events.text.hasPrefix("event: state\ndata: {"))
            #expect(events.text.contains(#""status":"complete""#))
        }
        #expect(try store.experiment(1)?.status == .complete)
    }

    @Test(arguments: [
        ("{", HTTPResponse.Status.badRequest, "job"),
        (#"{"kind": "walk"}"#, .badRequest, "unknown kind 'walk'"),
        (
            #"{"kind": "run", "scenario": {"name": "x", "text": "id: x"}, "ensemble": {"runs": "many", "seed": 1, "overrides": []}}"#,
            .badRequest, "ensemble.runs"
        ),
        (#"{"kind": "fit", "data": {"name": "d.csv", "text": "a,b\n"}}"#, .unprocessableContent, "stalemate fit"),
        (
            #"{"kind": "run", "scenario": {"name": "x.yaml", "text": "id: x\ntitle: [\n"}, "ensemble": {"runs": 10, "seed": 1, "overrides": []}}"#,
            .unprocessableContent, "scenario has problems"
        ),
    ])
    func badJobsAreRefusedWithWhatToFix(body: String, status: HTTPResponse.Status, says: String) async throws {
        try await app().test(.router) { client in
            let response = try await client.post("/api/jobs", body)
            #expect(response.status == status)
            #expect(response.text.contains(says), "\(response.text)")
            #expect(try await client.get("/api/jobs").json()["jobs"] as? [Any] != nil)
        }
    }

    @Test func limitsAnswer413422And429() async throws {
        var options = ServerOptions(threads: 1, maxQueuedJobs: 1, maxRunWeeks: 100_000_000)
        options.maxBodyBytes = 4096
        try await app(options).test(.router) { client in
            let big = try await client.post("/api/jobs", String(repeating: " ", count: 5000))
            #expect(big.status == .contentTooLarge)
        }
        options.maxBodyBytes = 1 << 20
        try await app(options).test(.router) { client in
            let (_, tooMuch) = try runJob(runs: 1_000_000)
            let refused = try await client.post("/api/jobs", tooMuch)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("156000000") && refused.text.contains("100000000"))
            // One runs, one waits, the third is refused with Retry-After; then cancel both.
            // The jobs are far longer than the test, so the first is still running at the third.
            let (_, long) = try runJob(runs: 1_000_000, weeks: 52)
            #expect(try await client.post("/api/jobs", long).status == .accepted)
            #expect(try await client.post("/api/jobs", long).status == .accepted)
            let third = try await client.post("/api/jobs", long)
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter] != nil)
            let queued = try await client.execute(uri: "/api/jobs/2", method: .delete)
            #expect(try queued.json()["status"] as? String == "cancelled")
            _ = try await client.execute(uri: "/api/jobs/1", method: .delete)
            let first = try await client.finished(1)
            #expect(first["status"] as? String == "cancelled")
            #expect(try await client.get("/api/jobs/2/result").status == .conflict)
            #expect(try await client.get("/api/jobs/77").status == .notFound)
            #expect(try await client.get("/api/jobs/abc").status == .notFound)
            #expect(try await client.get("/api/experiments").status == .notFound)  // no store
        }
    }

    /// Shutdown stops the running job after its tasks under way: interrupted, in the store too,
    /// which stays sound and can be resumed from its stored chunks. (That a resume gives the
    /// bytes of an uninterrupted run is checked by JobRunnerTests and the CLI's kill test.)
    @Test func shutdownInterruptsAndTheStoreResumes() async throws {
        let store = try scratchStore()
        let board = JobBoard(options: ServerOptions(threads: 2), store: store)
        // Far more than any test waits for, so it is still running however loaded the machine.
        let (spec, _) = try runJob(runs: 5_000_000, weeks: 26)
        let state = try board.submit(spec, identity: try spec.identity())
        // A blocking wait: the job's workers share the threads that would resume a sleeping task.
        while (board.state(state.id)?.done ?? 0) < 256 { usleep(5000) }
        await board.shutdown()
        #expect(board.state(state.id)?.status == .interrupted)
        let id = try #require(board.state(state.id)?.experiment)
        #expect(try store.experiment(id)?.status == .interrupted)
        #expect(try store.integrityProblems().isEmpty)
        #expect(throws: APIError.self) { try board.submit(spec, identity: "x") }
        let resume = try StoreResume(id, store: store, commandLine: "test")
        #expect(try resume.spec.identity() == (try spec.identity()))
        #expect(resume.storedChunks >= 1 && resume.storedChunks < resume.chunks)
        #expect(resume.chunks == (5_000_000 + 255) / 256)
    }

    /// Every lever the dashboard offers is an override the scenario accepts: all of them moved
    /// at once make a valid compare job, whose report the server draws.
    @Test func theDashboardsLeversMakeAValidComparison() async throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        try await app().test(.router) { client in
            let answer = try await client.post("/api/levers", scenario.sourceText).json()
            let groups = try #require(answer["groups"] as? [[String: Any]])
            let titles = groups.compactMap { $0["title"] as? String }
            #expect(titles.contains("Sides") && titles.contains("Events"))
            #expect(titles.contains { $0.hasPrefix("Third party") })
            var overrides: [String] = []
            for group in groups {
                for lever in try #require(group["levers"] as? [[String: Any]]) {
                    let key = try #require(lever["key"] as? String)
                    let value = try #require(lever["value"] as? Double)
                    let upper = try #require(lever["max"] as? Double)
                    if lever["kind"] as? String == "switch" {
                        overrides.append("\(key)=\(value == 1 ? "off" : "on")")
                    } else if let from = lever["from"] as? Int, let to = lever["to"] as? Int {
                        overrides.append("\(key)=\((value + upper) / 2)@\(from):\(to)")
                    } else {
                        overrides.append("\(key)=\((value + upper) / 2)")
                    }
                }
            }
            #expect(overrides.count > 20)
            #expect(overrides.contains { $0.hasPrefix("thirdParties.") && $0.contains(".decoupling=") })
            #expect(overrides.contains { $0.hasPrefix("events.kursk") })
            let job = JobSpec.compare(
                CompareSpec(
                    scenario: ScenarioInput(scenario), ensemble: EnsembleSettings(runs: 200, seed: 3, weeks: 52),
                    variants: [.init(name: "levers", overrides: overrides)]))
            let submitted = try await client.post("/api/jobs", try job.json())
            #expect(submitted.status == .accepted, "\(submitted.text)")
            let state = try await client.finished(1)
            #expect(state["status"] as? String == "complete", "\(state)")
            let report = try await client.get("/api/jobs/1/report")
            #expect(report.status == .ok && report.text.contains("<svg") && report.text.contains("levers"))
            let broken = try await client.post("/api/levers", "id: x\n")
            #expect(broken.status == .unprocessableContent)
        }
    }

    /// A story request for run `run` (or the first with `outcome`) of kursk-2024.
    func storyRequest(run: Int? = nil, outcome: String? = nil, runs: Int = 300, extra: String = "") throws -> String {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        let input = String(decoding: try JSONEncoder().encode(ScenarioInput(scenario)), as: UTF8.self)
        var fields = [#""scenario": \#(input)"#, #""ensemble": {"overrides": [], "runs": \#(runs), "seed": 11}"#]
        if let run { fields.append(#""run": \#(run)"#) }
        if let outcome { fields.append(#""outcome": "\#(outcome)""#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One war's story is the ensemble's run of that index, told whole: its weeks end where
    /// the run ended, the timeline covers every week once, and its suspensions, agreements,
    /// breakdowns and retaliations are those the run record counts.
    @Test func aStoryIsTheEnsemblesRunToldWeekByWeek() async throws {
        let scenario = try ScenarioLoader.bundled(name: "kursk-2024")
        var simulator = Simulator(CompiledModel(scenario.model), seed: 11)
        let records = (0..<300).map { simulator.run($0) }
        try await app().test(.router) { client in
            for run in [0, 1, 2, 5, 8, 13, 21, 34] {
                let answer = try await client.post("/api/story", try storyRequest(run: run))
                #expect(answer.status == .ok, "\(answer.text.prefix(500))")
                let story = try JSONDecoder().decode(WarStory.self, from: Data(answer.text.utf8))
                let record = records[run]
                #expect(story.schema == "stalemate.story/1" && story.run == run)
                #expect(story.outcome == record.outcome.description && story.duration == record.duration)
                #expect(story.weeks.map(\.week) == Array(0..<story.weeks.count))
                if [.defeatA, .defeatB].contains(record.outcome) { #expect(story.weeks.last?.phase == "ended") }
                if record.outcome == .settled {
                    #expect(story.weeks[record.duration - 1].phase == "ceasefire")
                    #expect(
                        story.timeline.last?.lines.last?.contains("agreed in week \(record.duration - 1) held") == true)
                }
                var next = 0
                for entry in story.timeline {
                    #expect(entry.fromWeek == next && entry.toWeek >= entry.fromWeek && !entry.lines.isEmpty)
                    next = entry.toWeek + 1
                }
                #expect(next == story.weeks.count)
                let lines = story.timeline.flatMap(\.lines)
                func count(_ s: String) -> Int { lines.filter { $0.contains(s) }.count }
                #expect(count("suspends the talks") == record.suspensions.a + record.suspensions.b)
                #expect(count("agreement: a ceasefire begins") == record.agreements)
                #expect(count("the ceasefire breaks down") == record.breakdowns)
                #expect(count("retaliates") == record.cycles)
                #expect(story.timeline[0].lines.contains { $0.contains("[kursk-incursion]") })
            }
            // The first settled war: settled, and no run before it is.
            let settled = try JSONDecoder().decode(
                WarStory.self,
                from: Data(try await client.post("/api/story", try storyRequest(outcome: "settled")).text.utf8))
            #expect(settled.outcome == "settled")
            #expect(records[settled.run].outcome == .settled)
            #expect(records[..<settled.run].allSatisfy { $0.outcome != .settled })
            #expect(settled.timeline.flatMap(\.lines).contains { $0.contains("the war is settled") })
            // The same story as a page drawn by the report code.
            let page = try await client.post("/api/story/report", try storyRequest(run: 2))
            #expect(page.status == .ok && page.text.contains("What happened") && page.text.contains("<svg"))
            // Bad requests say what to fix.
            for (body, status, says) in [
                (try storyRequest(run: 1, outcome: "settled"), HTTPResponse.Status.unprocessableContent, "not both"),
                (try storyRequest(run: 300), .unprocessableContent, "use 0 to 299"),
                (try storyRequest(run: -1), .unprocessableContent, "use 0 to 299"),
                (try storyRequest(outcome: "peace"), .unprocessableContent, "not an outcome"),
                (try storyRequest(outcome: "defeatB", runs: 5), .notFound, "none of the 5 runs"),
                (try storyRequest(run: 1, extra: #""runz": 2"#), .badRequest, "runz is not a field"),
                (
                    #"{"scenario": {"name": "x", "text": "id: x\n"}, "ensemble": {"overrides": [], "runs": 5, "seed": 1}}"#,
                    .unprocessableContent, "problems"
                ),
                ("{", .badRequest, "story:"),
            ] {
                let answer = try await client.post("/api/story", body)
                #expect(answer.status == status && answer.text.contains(says), "\(body.suffix(80)): \(answer.text)")
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPI.document.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        // Every API route with its methods, as the router serves them (`:id` is `{id}` there).
        var served: [String: Set<String>] = [:]
        for (path, methods) in Routes.methods where path.hasPrefix("/api/") {
            let openAPIPath = path.replacingOccurrences(of: ":id", with: "{id}")
                .replacingOccurrences(of: ":name", with: "{name}")
            served[openAPIPath] = Set(methods.map { $0.rawValue.lowercased() })
        }
        #expect(Set(paths.keys) == Set(served.keys))
        for (path, operations) in paths { #expect(Set(operations.keys) == served[path], "\(path)") }
        try await app().test(.router) { client in
            let served = try await client.get("/openapi.json")
            #expect(served.text == OpenAPI.document)
            #expect(try await client.get("/").text.contains("/openapi.json"))
            #expect(try await client.get("/api/../etc/passwd").status == .notFound)
            let wrong = try await client.execute(uri: "/api/jobs/1", method: .put)
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.headers[.allow] == "GET, DELETE")
            #expect(try await client.execute(uri: "/api/health", method: .trace).status == .methodNotAllowed)
            #expect(try await client.post("/api/validate", "").status == .badRequest)
        }
    }
}
