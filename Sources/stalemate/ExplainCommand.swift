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

    @Option(help: "Output format: table (every --every weeks), json or csv (every week, tidy).")
    var format: OutputFormat = .table

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        if every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
    }

    func run() throws {
        let spec: JobSpec
        do {
            let base = try ScenarioInput.loadReference(scenario)
            spec = .explain(ExplainSpec(scenario: ScenarioInput(base), ensemble: try ensemble.settings(for: base)))
        } catch {
            throw fail(error)
        }
        let (result, store) = try JobExecution(threads: ensemble.threads, storage: storage).run(spec)
        guard case .explain(let explanation, _) = result else { throw internalMismatch(spec) }
        switch format {
        case .json: print(try explanation.json(), terminator: "")
        case .csv: print(explanation.csv(), terminator: "")
        case .table: print(explanation.table(every: every), terminator: "")
        }
        try JobExecution.finish(store)
    }
}
