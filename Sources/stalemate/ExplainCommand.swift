import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateScenario

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show, week by week, what blocked peace in the runs still at war.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @OptionGroup var ensemble: EnsembleOptions

    @Option(help: "Print one table row every this many weeks.")
    var every: Int = 4

    @Option(help: "Output format: table (every --every weeks), json or csv (every week, tidy).")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        if every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
    }

    func run() throws {
        let job: RunJob
        let base: Scenario
        do {
            base = try loadScenario(scenario)
            job = try ensemble.job(for: base)
        } catch {
            throw fail(error)
        }
        let recorder = try StoreRecorder.begin(storage, kind: .explain, job: job, base: base, options: ["every": every])
        let interrupt = onInterrupt { resumeHint(recorder, resumable: false) }
        defer { interrupt.cancel() }
        let bar = ProgressBar(total: job.runs)
        let progress = ProgressBar.callback(bar)
        let acc = Ensemble(model: job.compiled, seed: job.seed, runs: job.runs, threads: job.threads).run(
            progress: progress)
        bar?.finish()
        let s = job.scenario
        let explanation = Explanation(
            accumulator: acc, scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), seed: job.seed)
        var storeError: String? = nil
        if let recorder {
            do {
                storeError = recorder.complete(
                    summaryJSON: try explanation.json(), weekly: weeklyRows(acc, arm: "baseline"))
            } catch {
                throw recorder.failed(error)
            }
        }
        switch format {
        case .json: print(try explanation.json(), terminator: "")
        case .csv: print(explanation.csv(), terminator: "")
        case .table: print(explanation.table(every: every), terminator: "")
        }
        if let storeError { throw fail(Message(storeError)) }
        recorder?.announce()
    }
}
