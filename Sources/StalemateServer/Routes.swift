import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StalemateAnalysis
import StalemateCore
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore

/// The HTTP API of docs/api.md (described by `/openapi.json`).
struct Routes: Sendable {
    let board: JobBoard
    var options: ServerOptions { board.options }

    func add(to router: Router<BasicRequestContext>) {
        // First: middleware applies to the routes added after it, and to paths with no route.
        router.add(middleware: MethodCheck())
        router.get("/") { _, _ in Response.text(Page.dashboard, type: "text/html; charset=utf-8") }
        router.get("/openapi.json") { _, _ in Response.json(OpenAPI.document) }
        let api = router.group("api")
        let hasStore = board.store != nil
        api.get("health") { _, _ in
            Response.json(
                #"{"status": "ok", "version": "\#(StalemateVersion.current)", "store": \#(hasStore)}"# + "\n")
        }
        api.get("scenarios") { _, _ in try scenarios() }
        api.get("scenarios/:name") { _, context in try scenario(try context.parameters.require("name")) }
        api.post("validate") { request, _ in try await validate(request) }
        api.post("jobs") { request, _ in try await submit(request) }
        api.get("jobs") { _, _ in try json(JobList(jobs: board.states())) }
        api.get("jobs/:id") { _, context in try json(try job(context)) }
        api.delete("jobs/:id") { _, context in
            guard let state = board.cancel(try jobID(context)) else { throw notFound(context) }
            return try json(state)
        }
        api.get("jobs/:id/result") { _, context in try result(context) }
        api.get("jobs/:id/events") { _, context in try events(context) }
        api.get("jobs/:id/report") { _, context in try jobReport(context) }
        api.post("levers") { request, _ in try await levers(request) }
        api.post("story") { request, _ in try json(try await story(request)) }
        api.post("story/report") { request, _ in
            Response.text(
                ReportRenderer.html(ReportBuilder.story(try await story(request))), type: "text/html; charset=utf-8")
        }
        api.get("experiments") { _, _ in try history() }
        api.get("experiments/:id") { _, context in try experiment(context) }
        api.get("experiments/:id/export") { request, context in try export(request, context) }
        api.get("experiments/:id/report") { _, context in try report(context) }
    }

    /// Each path and the methods it serves; any other method gets 405 with `Allow`.
    static let methods: [(String, [HTTPRequest.Method])] = [
        ("/", [.get]), ("/openapi.json", [.get]), ("/api/health", [.get]), ("/api/scenarios", [.get]),
        ("/api/scenarios/:name", [.get]), ("/api/validate", [.post]), ("/api/jobs", [.get, .post]),
        ("/api/jobs/:id", [.get, .delete]), ("/api/jobs/:id/result", [.get]), ("/api/jobs/:id/events", [.get]),
        ("/api/jobs/:id/report", [.get]), ("/api/levers", [.post]),
        ("/api/story", [.post]), ("/api/story/report", [.post]),
        ("/api/experiments", [.get]), ("/api/experiments/:id", [.get]), ("/api/experiments/:id/export", [.get]),
        ("/api/experiments/:id/report", [.get]),
    ]

    /// The methods `path` is served with, nil for a path the API does not have.
    static func allowed(for path: String) -> [HTTPRequest.Method]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for (pattern, methods) in methods {
            let expected = pattern.split(separator: "/", omittingEmptySubsequences: true)
            guard expected.count == parts.count else { continue }
            if zip(expected, parts).allSatisfy({ e, p in e.hasPrefix(":") || e == p }) { return methods }
        }
        return nil
    }

    // MARK: Scenarios

    private struct ScenarioItem: Encodable {
        var name: String
        var title: String
    }

    private struct ScenarioDocument: Encodable {
        var name: String
        var title: String
        var hash: String
        var yaml: String
    }

    /// The bundled scenarios' answers, built once: the files never change while the server
    /// runs, and parsing all of them per request held the list to ~160 requests a second.
    private static let bundled: (list: String, documents: [String: String]) = {
        var items: [ScenarioItem] = []
        var documents: [String: String] = [:]
        for name in BundledScenarios.names {
            guard let s = try? ScenarioLoader.bundled(name: name) else { continue }
            items.append(ScenarioItem(name: name, title: s.title))
            let document = ScenarioDocument(name: name, title: s.title, hash: s.sourceHash, yaml: s.sourceText)
            documents[name] = (try? StableJSON.text(document)).map { $0 + "\n" }
        }
        return ((try? StableJSON.text(items)).map { $0 + "\n" } ?? "[]\n", documents)
    }()

    private func scenarios() throws -> Response { Response.json(Self.bundled.list) }

    private func scenario(_ name: String) throws -> Response {
        guard let document = Self.bundled.documents[name] else {
            throw APIError(
                .notFound,
                "no bundled scenario '\(name)': GET /api/scenarios lists them (\(BundledScenarios.names.joined(separator: ", ")))"
            )
        }
        return Response.json(document)
    }

    private struct Validation: Encodable {
        var valid: Bool
        var problems: [Problem]
    }

    /// Validates a scenario's YAML (the request body) and answers its located problems.
    private func validate(_ request: Request) async throws -> Response {
        let text = try await yamlBody(request)
        guard !text.isEmpty else {
            throw APIError(.badRequest, "the request has no body: send the scenario's YAML as it")
        }
        let problems: [Problem]
        do {
            _ = try ScenarioLoader.load(text: text, fileName: "scenario.yaml")
            problems = []
        } catch {
            problems = Self.problems(error)
        }
        return try json(Validation(valid: problems.isEmpty, problems: problems))
    }

    static func problems(_ errors: ScenarioErrors) -> [Problem] {
        errors.errors.map {
            Problem(
                line: $0.line, column: $0.column, keyPath: $0.keyPath, problem: $0.problem, fix: $0.fix,
                message: $0.description)
        }
    }

    // MARK: Jobs

    private struct Submitted: Encodable {
        var id: Int
        var status: JobStatus
        var kind: String
        var identity: String
        var links: [String: String]
    }

    private struct JobList: Encodable {
        var jobs: [JobState]
    }

    /// Decodes a job (schema `stalemate.job/1`), checks its scenario and its cost, and queues it.
    private func submit(_ request: Request) async throws -> Response {
        let text = try await body(request)
        let (spec, cost) = try RequestBodies.job(text)
        if cost > options.maxRunWeeks {
            throw APIError(
                .unprocessableContent,
                "the job would simulate \(cost) run-weeks; this server accepts at most \(options.maxRunWeeks) per job (--max-run-weeks): use fewer runs or points, or the command line"
            )
        }
        let identity: String
        do { identity = try spec.identity() } catch {
            throw APIError(.badRequest, "the job cannot be encoded: \(error)")
        }
        let state = try board.submit(spec, identity: identity)
        let links = [
            "status": "/api/jobs/\(state.id)", "events": "/api/jobs/\(state.id)/events",
            "result": "/api/jobs/\(state.id)/result",
        ]
        var response = try json(
            Submitted(id: state.id, status: state.status, kind: state.kind, identity: identity, links: links),
            status: .accepted)
        response.headers[.location] = "/api/jobs/\(state.id)"
        return response
    }

    private func jobID(_ context: BasicRequestContext) throws -> Int {
        let raw = try context.parameters.require("id")
        guard let id = Int(raw), id > 0 else { throw notFound(context) }
        return id
    }

    private func notFound(_ context: BasicRequestContext) -> APIError {
        let raw = context.parameters.get("id") ?? ""
        return APIError(.notFound, "no job \(raw) on this server (GET /api/jobs lists them)")
    }

    private func job(_ context: BasicRequestContext) throws -> JobState {
        guard let state = board.state(try jobID(context)) else { throw notFound(context) }
        return state
    }

    /// A complete job's result: the bytes `stalemate <kind> … --format json` prints.
    private func result(_ context: BasicRequestContext) throws -> Response {
        guard let (state, result) = board.result(try jobID(context)) else { throw notFound(context) }
        guard state.status == .complete, let result else {
            let why = state.error.map { ": \($0)" } ?? ""
            throw APIError(
                .conflict, "job \(state.id) is \(state.status.rawValue)\(why); only a complete job has a result")
        }
        return Response.json(result)
    }

    /// Server-Sent Events: one `state` event with the job's JSON state at each change, the
    /// last when it finishes.
    private func events(_ context: BasicRequestContext) throws -> Response {
        guard let updates = board.updates(try jobID(context)) else { throw notFound(context) }
        let body = ResponseBody { writer in
            for await state in updates {
                let data = try StableJSON.text(state, pretty: false)
                try await writer.write(ByteBuffer(string: "event: state\ndata: \(data)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// A complete job's HTML report, drawn from the result in memory by the report code.
    private func jobReport(_ context: BasicRequestContext) throws -> Response {
        guard let (state, output, spec) = board.output(try jobID(context)) else { throw notFound(context) }
        guard state.status == .complete, let output else {
            throw APIError(.conflict, "job \(state.id) is \(state.status.rawValue); only a complete job has a report")
        }
        guard let input = JobReport.input(output, sides: JobReport.sides(spec)) else {
            throw APIError(
                .conflict,
                "\(state.kind) jobs have no report: reports exist for run, backtest, compare, sweep and sensitivity")
        }
        return Response.text(ReportRenderer.html(input), type: "text/html; charset=utf-8")
    }

    /// The levers of a scenario (its YAML in the body) for the dashboard.
    private func levers(_ request: Request) async throws -> Response {
        let text = try await yamlBody(request)
        do {
            return try json(LeverSet(try ScenarioLoader.load(text: text, fileName: "scenario.yaml")))
        } catch let error as ScenarioErrors {
            throw APIError(
                .unprocessableContent, "the scenario has problems:\n\(error)", problems: Self.problems(error))
        }
    }

    // MARK: One war's story

    /// The longest war a story tells, week by week (its JSON grows by about 400 bytes a week).
    static let storyWeeks = RequestBodies.storyWeeks

    /// The story of the requested run, after the same checks as a job's.
    func story(_ request: Request) async throws -> WarStory {
        let text = try await body(request)
        let (asked, job, runWeeks) = try RequestBodies.story(text)
        let run: Int
        if let name = asked.outcome {
            guard let outcome = Outcome.allCases.first(where: { $0.description == name }) else {
                throw APIError(
                    .unprocessableContent,
                    "story: outcome '\(name)' is not an outcome: use \(Outcome.allCases.map(\.description).joined(separator: ", "))"
                )
            }
            guard runWeeks <= options.maxRunWeeks else {
                throw APIError(
                    .unprocessableContent,
                    "story: looking through \(job.runs) runs would simulate \(runWeeks) run-weeks; this server accepts at most \(options.maxRunWeeks) (--max-run-weeks): use fewer runs"
                )
            }
            guard let found = WarStory.firstRun(of: job.scenario, seed: job.seed, outcome: outcome, limit: job.runs)
            else {
                throw APIError(
                    .notFound, "story: none of the \(job.runs) runs ends as '\(name)'; try another outcome or more runs"
                )
            }
            run = found
        } else {
            run = asked.run ?? 0
            guard (0..<job.runs).contains(run) else {
                throw APIError(
                    .unprocessableContent, "story: run \(run) is not a run of the ensemble: use 0 to \(job.runs - 1)")
            }
        }
        return WarStory.tell(scenario: job.scenario, overrides: job.overrides, seed: job.seed, run: run)
    }

    // MARK: The store

    private func openStore() throws(APIError) -> Store {
        guard let store = board.store else {
            throw APIError(.notFound, "this server keeps no store (start it with --store PATH, or without --no-store)")
        }
        return store
    }

    private func history() throws -> Response {
        let store = try openStore()
        let list = try store.experiments(.init())
        return Response.json(
            try StableJSON.text(HistoryDocument(store: store.path, experiments: list.map(HistoryItem.init))) + "\n")
    }

    private func storedExperiment(_ context: BasicRequestContext) throws -> (Store, ExperimentInfo) {
        let store = try openStore()
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let e = try store.experiment(id) else {
            throw APIError(.notFound, "no experiment \(raw) in the store (GET /api/experiments lists them)")
        }
        return (store, e)
    }

    /// An experiment's record (schema `stalemate.experiment/1`, as `stalemate show --format json`).
    private func experiment(_ context: BasicRequestContext) throws -> Response {
        let (_, e) = try storedExperiment(context)
        return try json(e)
    }

    /// The tidy CSV of an experiment (`?what=runs|weekly|rows`, as `stalemate export`).
    private func export(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let (store, e) = try storedExperiment(context)
        let what =
            request.uri.queryParameters.get("what")
            ?? (e.kind == .run ? "runs" : e.kind == .explain ? "weekly" : "rows")
        let table: TidyTable
        switch what {
        case "runs": table = try store.runsTable(experiment: e.id)
        case "weekly": table = try store.weeklyTable(experiment: e.id)
        case "rows": table = try store.resultsTable(experiment: e.id)
        default: throw APIError(.badRequest, "what=\(what) is not a table: use runs, weekly or rows")
        }
        var response = Response.text(table.csv(), type: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"experiment-\(e.id)-\(what).csv\""
        return response
    }

    /// The experiment's HTML report, as `stalemate report` writes it.
    private func report(_ context: BasicRequestContext) throws -> Response {
        let (store, e) = try storedExperiment(context)
        let input: ReportInput
        do { input = try StoredReport.input(e, store: store) } catch let error as JobError {
            throw APIError(.conflict, error.description)
        }
        return Response.text(ReportRenderer.html(input), type: "text/html; charset=utf-8")
    }

    // MARK: Helpers

    /// A YAML body: refused with 415 when it says it is something else (JSON, a form…).
    private func yamlBody(_ request: Request) async throws -> String {
        if let type = request.headers[.contentType]?.lowercased(),
            !["yaml", "text/plain", "application/octet-stream"].contains(where: { type.contains($0) })
        {
            throw APIError(
                .unsupportedMediaType, "send the scenario's YAML as it is (Content-Type application/yaml), not \(type)")
        }
        return try await body(request)
    }

    private func body(_ request: Request) async throws -> String {
        let buffer = try await request.body.collect(upTo: options.maxBodyBytes)
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
            throw APIError(.badRequest, "the request body is not UTF-8 text")
        }
        return text
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response.json(try StableJSON.text(value) + "\n", status: status)
    }
}

/// 405 with `Allow` for a method a path of the API is not served with (a method the router
/// does not know, such as QUERY, included); other requests pass on.
struct MethodCheck: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let allowed = Routes.allowed(for: request.uri.path), !allowed.contains(request.method),
            !(request.method == .head && allowed.contains(.get))
        {
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, "\(request.method.rawValue) is not served on \(request.uri.path): use \(allow)",
                headers: [.allow: allow])
        }
        return try await next(request, context)
    }
}
