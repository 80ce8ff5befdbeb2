import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateScenario

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure the source's claims on a scenario and write them as Markdown (docs/analyses/).")

    @Argument(help: "A scenario YAML file or the name of a bundled scenario.")
    var scenario: String = "kursk-2024"

    @Option(name: [.short, .long], help: "The Markdown file to write (default: print to stdout).")
    var output: String?

    @Option(help: "Runs per arm.")
    var runs: Int = 20_000

    @Option(help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "The incursion event switched off in the no-incursion arm.")
    var incursionEvent: String = "kursk-incursion"

    @Option(help: "The third party whose decoupling the decoupling arms raise.")
    var mediator: String = "mediators"

    @Option(help: "The decoupling level of the decoupling arms, in 0...1.")
    var decoupling: Double = 0.8

    @Option(
        help:
            "Add a backtest against this observed series (see `stalemate backtest`); by default the scenario's declared observations, if any."
    )
    var observed: String?

    @Option(help: "The observable the series measures (default: as declared).")
    var observable: String?

    @Option(help: "The value column (default: as declared, else `value`).")
    var column: String?

    @Option(help: "The factor the observed values are multiplied by (default: as declared, else 1).")
    var scale: Double?

    func validate() throws {
        if let scale, !scale.isFinite || scale == 0 {
            throw ValidationError("--scale must be a finite, non-zero number")
        }
        if runs < 2 { throw ValidationError("--runs must be at least 2 (got \(runs))") }
        if !(0...1).contains(decoupling) { throw ValidationError("--decoupling must be in 0...1 (got \(decoupling))") }
    }

    func run() throws {
        let loaded: Scenario
        do { loaded = try loadScenario(scenario) } catch { throw fail(error) }
        let analysis = ClaimsAnalysis(
            scenario: loaded, runs: runs, seed: seed ?? loaded.run.seed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, incursionEvent: incursionEvent,
            mediator: mediator, decoupling: decoupling)
        let result: (Comparison, Experiment.Outcome)
        do { result = try analysis.execute() } catch { throw fail(error) }
        var command = "stalemate analyze \(scenario) --runs \(runs)"
        if let seed { command += " --seed \(seed)" }
        if let output { command += " -o \(output)" }
        if let observed {
            command +=
                " --observed \(observed) --observable \(observable)"
                + (column.map { " --column \($0)" } ?? "") + (scale != 1 ? " --scale \(scale)" : "")
        }
        var text = ClaimsReport.markdown(
            analysis: analysis, comparison: result.0, outcome: result.1, command: command,
            version: StalemateVersion.current)
        if observed != nil || !loaded.observations.isEmpty {
            var options = try EnsembleOptions.parse(["--runs", "\(runs)"])
            options.seed = seed
            options.threads = threads
            let job: BacktestJob
            do {
                job = try BacktestCommand.job(
                    base: loaded, ensemble: options, observed: observed, observable: observable, column: column,
                    scale: scale, trendFrom: nil)
            } catch {
                throw fail(error)
            }
            var backtest = "stalemate backtest \(scenario)"
            if let observed { backtest += " --observed \(observed)" }
            if let observable { backtest += " --observable \(observable)" }
            if let column { backtest += " --column \(column)" }
            if let scale { backtest += " --scale \(scale)" }
            backtest += " --runs \(runs)"
            text += "\n" + BacktestFormatter.markdown(job.execute().result, command: backtest)
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw fail(Message("cannot write \(output): \(error.localizedDescription)"))
            }
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}
