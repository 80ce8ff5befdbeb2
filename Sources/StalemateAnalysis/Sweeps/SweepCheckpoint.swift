import Foundation
import Synchronization

/// The progress file of a sweep (`OUTPUT.partial`): a header line that identifies the sweep,
/// then one JSON line per finished point, appended and synced as each point finishes, so a
/// kill between points loses nothing and `--resume` runs only the rest.
public final class SweepCheckpoint: Sendable {
    public let url: URL
    /// The points found in the file when it was opened (empty for a new sweep).
    public let restored: [Int: SweepRow]
    private let handle: Mutex<FileHandle>

    /// The progress file beside `output`.
    public static func url(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".partial")
    }

    /// Opens the checkpoint of the sweep that writes `output`: a new one, or with `resume` the
    /// existing one, which must belong to the same sweep (`header`).
    public init(output: URL, resume: Bool, header: SweepJob.Header) throws {
        url = Self.url(for: output)
        if FileManager.default.fileExists(atPath: url.path) {
            guard resume else {
                throw SweepError(
                    "\(url.path) holds an interrupted sweep: add --resume to finish it, or delete the file to start over"
                )
            }
            restored = try Self.read(url, expecting: header)
        } else if resume {
            throw SweepError("--resume: there is no interrupted sweep at \(url.path)")
        } else {
            try (Self.line(header) + "\n").write(to: url, atomically: true, encoding: .utf8)
            restored = [:]
        }
        let file = try FileHandle(forWritingTo: url)
        try file.seekToEnd()
        handle = Mutex(file)
    }

    deinit { handle.withLock { try? $0.close() } }

    /// Appends a finished point and syncs the file.
    public func append(_ row: SweepRow) throws {
        let data = Data((try Self.line(row) + "\n").utf8)
        try handle.withLock { file in
            try file.write(contentsOf: data)
            try file.synchronize()
        }
    }

    /// One compact line, with exact doubles (a resumed sweep's rows equal an uninterrupted one's).
    static func line<T: Encodable>(_ value: T) throws -> String {
        try StableJSON.text(value, pretty: false, exact: true)
    }

    static func read(_ url: URL, expecting header: SweepJob.Header) throws -> [Int: SweepRow] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first,
            let found = try? JSONDecoder().decode(SweepJob.Header.self, from: Data(first.utf8))
        else {
            throw SweepError("\(url.path) is not a sweep progress file: delete it to start over")
        }
        guard found == header else {
            throw SweepError(
                "\(url.path) belongs to a different sweep (scenario, overrides, design, runs, seed or weeks differ): run the same command to resume, or delete the file"
            )
        }
        lines.removeFirst()
        var rows: [Int: SweepRow] = [:]
        for line in lines {
            // A line cut short by a kill is ignored: its point runs again.
            if let row = try? JSONDecoder().decode(SweepRow.self, from: Data(line.utf8)) { rows[row.point] = row }
        }
        return rows
    }
}
