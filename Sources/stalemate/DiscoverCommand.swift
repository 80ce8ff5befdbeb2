import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateStore

/// `stalemate discover SWEEP --where 'METRIC OP VALUE'` (docs/discovery.md).
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Scenario discovery: the box of swept parameters where a metric meets a condition (PRIM).",
        discussion: """
            SWEEP is a stored sweep experiment's id or a sweep's result file (sweep -o FILE.json, or collect). \
            The points whose METRIC meets the condition are of interest, e.g. --where 'stillAtWar104 < 0.5' or \
            --where 'medianWeeksOfWar < 80'; PRIM peels the swept parameters' ranges towards them and prints \
            the peeling trajectory (coverage, density, mass, restricted parameters) and the chosen box with \
            the quasi-p-value of each limit.
            """)

    @Argument(help: "A stored sweep's experiment id, or a sweep result file (.json).")
    var sweep: String

    @Option(name: .customLong("where"), help: "The condition on a point: METRIC OP VALUE.")
    var condition: String

    @Option(help: "Pick this box of the trajectory (0 is all points).")
    var box: Int?

    @Option(name: .customLong("min-density"), help: "Pick the box of highest coverage with at least this density.")
    var minDensity: Double?

    @Option(name: .customLong("min-coverage"), help: "Pick the box of highest density with at least this coverage.")
    var minCoverage: Double?

    @Option(help: "Share of the box's points peeled off at each step.")
    var alpha = 0.05

    @Option(name: .customLong("paste-alpha"), help: "Share pasted back at each step.")
    var pasteAlpha = 0.05

    @Option(name: .customLong("mass-min"), help: "The smallest box, as a share of all points.")
    var massMin = 0.05

    @OptionGroup var out: OutputOptions

    @OptionGroup var location: StoreLocation

    func validate() throws {
        let picks = [box != nil, minDensity != nil, minCoverage != nil].filter { $0 }.count
        guard picks <= 1 else { throw ValidationError("give at most one of --box, --min-density and --min-coverage") }
    }

    func run() throws {
        let file = try load()
        let parsed: Discovery.Condition
        do { parsed = try Discovery.Condition(parsing: condition, metrics: Discovery.metricNames) } catch {
            throw ValidationError(error.description)
        }
        let choice: Discovery.Choice =
            box.map { .step($0) } ?? minDensity.map { .minDensity($0) } ?? minCoverage.map { .minCoverage($0) } ?? .last
        let discovery: Discovery
        do {
            discovery = try Discovery(
                sweep: file, condition: parsed, choice: choice, peelAlpha: alpha, pasteAlpha: pasteAlpha,
                massMin: massMin)
        } catch { throw Message(error.description) }
        switch out.format {
        case .table: try out.emit(discovery.table())
        case .json: try out.emit(try StableJSON.text(discovery) + "\n")
        case .csv: try out.emit(discovery.csv())
        }
    }

    /// The sweep's rows: from the store by id, or from a result file.
    func load() throws -> SweepJob.ResultFile {
        let decoder = JSONDecoder()
        if let id = Int64(sweep) {
            let store = try location.openExisting()
            guard let e = try store.experiment(id) else {
                throw Message("no experiment \(id) in \(store.path) (`stalemate history` lists them)")
            }
            guard e.kind == .sweep else {
                throw Message(
                    "experiment \(id) is a \(e.kind.rawValue), not a sweep: discover looks for boxes in a sweep's points (`stalemate sweep … --design lhs --points N`)"
                )
            }
            guard e.status == .complete, let json = e.summaryJSON,
                let file = try? decoder.decode(SweepJob.ResultFile.self, from: Data(json.utf8))
            else {
                throw Message("experiment \(id) is \(e.status.rawValue): only a complete sweep has all its points")
            }
            return file
        }
        guard let data = FileManager.default.contents(atPath: sweep) else {
            throw Message(
                "cannot read \(sweep): give a stored sweep's experiment id or a sweep result file (sweep -o FILE.json)")
        }
        do { return try decoder.decode(SweepJob.ResultFile.self, from: data) } catch {
            throw Message(
                "\(sweep) is not a sweep's result file (schema stalemate.sweep/1, written by `sweep -o FILE.json` or `collect`)"
            )
        }
    }
}
