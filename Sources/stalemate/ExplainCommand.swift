import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show, week by week, what blocked peace in the runs still at war.")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @OptionGroup var ensemble: EnsembleOptions

    @Option(help: "Print one table row every this many weeks.")
    var every: Int = 4

    /// table: every --every weeks; json and csv: every week.
    @OptionGroup var out: OutputOptions

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        if every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
    }

    func run() throws {
        let spec: JobSpec
        let base = try ScenarioInput.loadReference(scenario)
        spec = .explain(ExplainSpec(scenario: ScenarioInput(base), ensemble: try ensemble.settings(for: base)))
        let (result, store) = try JobExecution(threads: ensemble.threads, storage: storage).run(spec)
        guard case .explain(let explanation, _) = result else { throw internalMismatch(spec) }
        switch out.format {
        case .json: try out.emit(try explanation.json())
        case .csv: try out.emit(explanation.csv())
        case .table: try out.emit(explanation.table(every: every))
        }
        try JobExecution.finish(store)
    }
}
