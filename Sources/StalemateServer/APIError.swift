import Foundation
import HTTPTypes
import Hummingbird
import StalemateAnalysis

/// An error answered as JSON, `{"error": message}` (with `problems` for a scenario), and
/// its status.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var problems: [Problem] = []
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, problems: [Problem] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.problems = problems
        self.headers = headers
    }

    private struct Body: Encodable {
        var error: String
        var problems: [Problem]?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try StableJSON.text(Body(error: message, problems: problems.isEmpty ? nil : problems)) + "\n"
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension Response {
    /// A JSON text as it is (the bytes the CLI prints for the same result).
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// One located problem of a scenario, as the dashboard shows it beside its line.
struct Problem: Codable, Sendable, Equatable {
    var line: Int?
    var column: Int?
    var keyPath: String
    var problem: String
    var fix: String
    var message: String
}
