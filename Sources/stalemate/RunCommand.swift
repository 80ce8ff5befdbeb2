import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateCore
import StalemateScenario

/// `--format` on every command that prints results (docs: README, "Output conventions").
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Rejects a format the command cannot print, naming the ones it can (a usage error).
    func require(_ supported: [OutputFormat], command: String) throws {
        guard supported.contains(self) else {
            throw ValidationError(
                "\(command) prints \(supported.map(\.rawValue).joined(separator: " or ")), not \(rawValue)")
        }
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Simulate an ensemble of runs of a scenario and summarise how the wars end.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario (see `stalemate scenarios`).")
    var scenario: String = "kursk-2024"

    @OptionGroup var ensemble: EnsembleOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write the weekly state of the first runs to this CSV file.")
    var trajectories: String?

    @Option(help: "How many runs --trajectories records.")
    var trajectoryRuns: Int = 10

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        if trajectoryRuns < 1 { throw ValidationError("--trajectory-runs must be at least 1 (got \(trajectoryRuns))") }
    }

    func run() throws {
        let base: Scenario
        let job: RunJob
        do {
            base = try loadScenario(scenario)
            job = try ensemble.job(for: base)
        } catch {
            throw fail(error)
        }
        let recorder = try StoreRecorder.begin(
            storage, kind: .run, job: job, base: base, options: ["runs": job.runs], chunkSize: Self.chunkSize)
        let interrupt = onInterrupt { resumeHint(recorder, resumable: true) }
        let (summary, storeError) = try Self.simulate(job: job, recorder: recorder)
        interrupt.cancel()
        try Self.print(summary, format: format)
        if let trajectories {
            let text = TrajectoryRecorder.csv(model: job.compiled, seed: job.seed, runs: min(trajectoryRuns, job.runs))
            do {
                try text.write(toFile: trajectories, atomically: true, encoding: .utf8)
            } catch {
                throw fail(Message("cannot write trajectories to \(trajectories): \(error.localizedDescription)"))
            }
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }

    /// Runs per stored batch: the ensemble's chunks.
    static let chunkSize = 256

    /// Simulates `job`'s ensemble, storing each chunk as it completes and the summary and
    /// weekly aggregates at the end; chunks in `preloaded` are merged, not simulated.
    /// Returns the summary and a message when storing failed.
    static func simulate(
        job: RunJob, recorder: StoreRecorder?, preloaded: [Int: EnsembleAccumulator] = [:], chunkSize: Int = chunkSize
    ) throws -> (EnsembleSummary, String?) {
        let ensemble = Ensemble(
            model: job.compiled, seed: job.seed, runs: job.runs, threads: job.threads, chunkSize: chunkSize)
        let bar = ProgressBar(total: job.runs)
        let progress = ProgressBar.callback(bar)
        let acc = ensemble.run(
            preloaded: preloaded, onChunk: recorder?.chunkHandler(arm: "baseline"), progress: progress)
        bar?.finish()
        let summary = job.summary(of: acc)
        let json: String
        do { json = try SummaryFormatter.json(summary) } catch { throw recorder?.failed(error) ?? fail(error) }
        let storeError = recorder?.complete(summaryJSON: json, weekly: weeklyRows(acc, arm: "baseline"))
        return (summary, storeError)
    }

    static func print(_ summary: EnsembleSummary, format: OutputFormat) throws {
        switch format {
        case .table: Swift.print(SummaryFormatter.table(summary), terminator: "")
        case .json: Swift.print(try SummaryFormatter.json(summary), terminator: "")
        case .csv: Swift.print(SummaryFormatter.csv(summary), terminator: "")
        }
    }
}

/// A plain error message for the user.
struct Message: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
