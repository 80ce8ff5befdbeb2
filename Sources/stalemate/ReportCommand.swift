import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateJobs
import StalemateReport
import StalemateScenario
import StalemateStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a self-contained HTML report (inline SVG charts) of a stored run, experiment, sweep or sensitivity analysis."
    )

    @Argument(help: "The experiment id (see `stalemate history`).")
    var id: ExperimentID

    @Option(name: [.short, .long], help: "The HTML file to write.")
    var output: String

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        store.markDeadAsInterrupted()
        let e = try loadExperiment(id.value, from: store)
        let input = try StoredReport.input(e, store: store) { note in
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
        try writeText(ReportRenderer.html(input), to: output)
        let charts = ReportRenderer.chartCount(input)
        print("wrote \(output) (\(charts) chart\(charts == 1 ? "" : "s")); open it in a browser")
    }
}
