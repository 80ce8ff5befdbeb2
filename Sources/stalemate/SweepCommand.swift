import ArgumentParser
import Dispatch
import Foundation
import StalemateAnalysis
import StalemateScenario
import StalemateStore
import Synchronization

extension SweepDesignKind: ExpressibleByArgument {}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an ensemble at every point of a parameter grid or Latin hypercube; one row per point.",
        discussion: """
            Each finished point is appended to OUTPUT.partial at once, so Ctrl-C (or a crash) keeps the finished \
            points; run the same command with --resume to finish the rest. When all points are done, OUTPUT is \
            written (CSV, or JSON when it ends in .json) and OUTPUT.partial is removed.
            """)

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(name: .customLong("param"), help: "A parameter to sweep, key=lo:hi or key=lo:hi:log (repeatable).")
    var parameters: [String] = []

    @Option(help: "grid (levels per parameter) or lhs (Latin hypercube).")
    var design: SweepDesignKind = .grid

    @Option(help: "Points: levels per parameter for a grid, points in all for lhs.")
    var points: Int = 5

    @Option(name: [.short, .long], help: "The result file (.csv or .json).")
    var output: String

    @Flag(help: "Finish an interrupted sweep from OUTPUT.partial.")
    var resume = false

    @Option(help: "Runs per point (default: the scenario's run.runs).")
    var runs: Int?

    @Option(help: "Master seed, the same at every point (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Horizon in weeks (default: the scenario's).")
    var weeks: Int?

    @OptionGroup var workers: ThreadOptions
    var threads: Int? { workers.threads }

    @OptionGroup var setting: OverrideOptions
    var overrides: [String] { setting.overrides }

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        try workers.validate()
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
        if ext != "csv" && ext != "json" { throw ValidationError("--output must end in .csv or .json (got \(output))") }
        try validateParameters(parameters)
    }

    func run() throws {
        let job: SweepJob
        let base: Scenario
        do {
            base = try loadScenario(scenario)
            job = try SweepJob(
                scenario: base, overrides: overrides, parameters: parameters, kind: design,
                points: points, runs: runs, seed: seed, weeks: weeks,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            noteDroppedPastHorizon(job.base.scenario)
        } catch {
            throw fail(error)
        }
        struct Options: Encodable {
            var parameters: [String]
            var design: String
            var points: Int
            var output: String
            var resume: Bool
        }
        let recorder = try StoreRecorder.begin(
            storage, kind: .sweep, job: job.base, base: base,
            options: Options(
                parameters: parameters, design: design.rawValue, points: points, output: output, resume: resume))
        let interrupted = Interrupt()
        let handler = interrupted.install()
        defer { handler.cancel() }
        let url = URL(fileURLWithPath: output)
        let bar = ProgressBar(total: job.design.values.count * job.base.runs)
        let result: (rows: [SweepRow], complete: Bool)
        do {
            result = try job.execute(
                output: url, resume: resume, shouldStop: { interrupted.requested },
                progress: { done, _ in bar?.update(done) })
        } catch {
            throw recorder?.failed(error) ?? fail(error)
        }
        bar?.finish()
        let rows = Self.storedRows(result.rows, keys: job.design.parameters.map(\.key))
        guard result.complete else {
            recorder?.interrupted(results: rows)
            FileHandle.standardError.write(
                Data(
                    "interrupted: \(result.rows.count) of \(job.design.values.count) points are kept in \(SweepJob.progressURL(for: url).path); run the same command with --resume to finish\n"
                        .utf8))
            throw ExitCode(130)
        }
        do { try job.write(rows: result.rows, to: url) } catch { throw recorder?.failed(error) ?? fail(error) }
        print("wrote \(result.rows.count) points to \(output)")
        if let recorder {
            let summary: String
            do { summary = try job.json(rows: result.rows) } catch { throw recorder.failed(error) }
            if let storeError = recorder.complete(summaryJSON: summary, results: rows) {
                throw fail(Message(storeError))
            }
            recorder.announce()
        }
    }
}

/// Turns the first Ctrl-C into a request to stop after the current point; a second one quits.
final class Interrupt: Sendable {
    private let flag = Mutex(false)

    /// Installs the handler; keep the returned source alive for as long as it should act.
    func install() -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in
            let again = flag.withLock { f -> Bool in
                defer { f = true }
                return f
            }
            if again { exit(130) }
            FileHandle.standardError.write(Data("\nstopping after the current point (Ctrl-C again to quit now)\n".utf8))
        }
        source.resume()
        return source
    }

    var requested: Bool { flag.withLock { $0 } }
}

/// A malformed `--param` is a usage error (exit 64), like any other bad option.
func validateParameters(_ parameters: [String]) throws {
    for parameter in parameters {
        do { _ = try SweepParameter(parsing: parameter) } catch { throw ValidationError("\(error)") }
    }
}

extension SweepCommand {
    /// The store's rows of a sweep: each point's parameters under their own keys (so that
    /// `export` has a column per parameter, not `values_0`), then the point's results.
    static func storedRows(_ rows: [SweepRow], keys: [String]) -> [ResultRow] {
        rows.enumerated().compactMap { i, row in
            guard let json = try? jsonText(row, pretty: false),
                var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
            else { return nil }
            object.removeValue(forKey: "values")
            for (key, value) in zip(keys, row.values) { object[key] = value }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
                return nil
            }
            return ResultRow(section: "point", index: i, name: row.task, json: String(decoding: data, as: UTF8.self))
        }
    }
}
