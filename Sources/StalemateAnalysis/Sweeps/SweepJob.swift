import Foundation
import StalemateCore
import StalemateScenario
import StalemateStatistics

/// One finished point of a sweep: its parameters and the ensemble's key metrics with 95% CIs.
public struct SweepRow: Codable, Sendable, Equatable {
    /// Index of the point in the design.
    public var point: Int
    /// Task identity (scenario hash, point index, seed), stable across machines, so that points
    /// can be distributed and their results matched.
    public var task: String
    /// Parameter values, in the order of the design's parameters.
    public var values: [Double]
    public var settled: [Double]
    public var ceasefireHolding: [Double]
    public var defeat: [Double]
    public var ongoing: [Double]
    public var stillAtWar52: [Double]?
    public var stillAtWar104: [Double]?
    public var stillAtWar156: [Double]?
    public var medianWeeksOfWar: Int?
    public var suspensionsPerRun: Double
    public var cyclesPerRun: Double
    public var casualtiesA: Double
    public var casualtiesB: Double
    public var termsMedian: Double?

    init(point: Int, task: String, values: [Double], summary s: EnsembleSummary) {
        self.point = point
        self.task = task
        self.values = values
        func share(_ name: String) -> [Double] {
            let o = s.outcomes.first { $0.outcome == name }
            return [o?.probability ?? 0, o?.ci95[0] ?? 0, o?.ci95[1] ?? 0]
        }
        settled = share("settled")
        ceasefireHolding = share("ceasefireHolding")
        let defeats = s.outcomes.filter { $0.outcome.hasPrefix("defeat") }.map(\.count).reduce(0, +)
        let p = Proportion(count: defeats, trials: s.settings.runs)
        defeat = [p.estimate, p.lower, p.upper]
        ongoing = share("ongoing")
        func alive(_ w: Int) -> [Double]? {
            s.survival.first { $0.week == w }.map { [$0.stillAtWar, $0.ci95[0], $0.ci95[1]] }
        }
        stillAtWar52 = alive(52)
        stillAtWar104 = alive(104)
        stillAtWar156 = alive(156)
        medianWeeksOfWar = s.timeToEnd.median
        suspensionsPerRun = s.suspensions.perRun
        cyclesPerRun = s.escalation.cyclesPerRun
        casualtiesA = s.casualties["A"]?.mean ?? 0
        casualtiesB = s.casualties["B"]?.mean ?? 0
        termsMedian = s.terms.share?.median
    }
}

/// The job behind `stalemate sweep`: an ensemble per design point, each point an independent
/// task written to a progress file as soon as it finishes, so an interrupted sweep keeps its
/// finished points and `resume` runs only the rest.
public struct SweepJob: Sendable {
    public let base: RunJob
    public let design: SweepDesign
    /// The resolved job of every point.
    let jobs: [RunJob]

    /// The header line of a progress file, which must match for a resume.
    public struct Header: Codable, Equatable, Sendable {
        var schema = "stalemate.sweep-progress/1"
        var scenarioHash: String
        var overrides: [String]
        var design: SweepDesign
        var runs: Int
        var seed: UInt64
        var weeks: Int
    }

    /// Validates every point's overrides before anything runs.
    public init(
        scenario: Scenario, overrides: [String] = [], parameters: [String], kind: SweepDesignKind, points: Int,
        runs: Int? = nil, seed: UInt64? = nil, weeks: Int? = nil, threads: Int? = nil
    ) throws {
        base = try RunJob(
            scenario: scenario, overrides: overrides, runs: runs, seed: seed, weeks: weeks, threads: threads)
        let design = try SweepDesign(
            parameters: try parameters.map(SweepParameter.init(parsing:)), kind: kind, points: points, seed: base.seed)
        self.design = design
        jobs = try design.values.map { values in
            let point = Self.pointOverrides(parameters: design.parameters, values: values)
            return try RunJob(
                scenario: scenario, overrides: overrides + point, runs: runs, seed: seed, weeks: weeks, threads: threads
            )
        }
    }

    /// The overrides `key=value` of one design point, whole-number parameters rounded.
    static func pointOverrides(keys: [String], values: [Double]) -> [String] {
        zip(keys, values).map { "\($0)=\(rounded($1, for: $0))" }
    }

    /// The same, a categorical parameter written as its level's name.
    static func pointOverrides(parameters: [SweepParameter], values: [Double]) -> [String] {
        zip(parameters, values).map { p, v in "\(p.key)=\(p.levels == nil ? "\(rounded(v, for: p.key))" : p.text(v))" }
    }

    /// Whole-number parameters (weeks, rungs) take the nearest whole value.
    static func rounded(_ value: Double, for key: String) -> Double {
        let name = String(key.split(separator: ".").last ?? "")
        let spec = ModelParameter(rawValue: name)?.spec ?? SideParameter(rawValue: name)?.spec
        return spec?.isInteger == true ? value.rounded() : value
    }

    /// What a checkpoint of this sweep must match to be resumed.
    public var header: Header {
        Header(
            scenarioHash: base.scenario.sourceHash, overrides: base.overrides, design: design, runs: base.runs,
            seed: base.seed, weeks: base.scenario.model.horizon)
    }

    /// Runs the points not in `restored` in point order and returns every row in point order.
    /// `onPoint` receives each newly finished row before the next point starts (a checkpoint
    /// writes it there, so a kill between points loses nothing). `progress` receives the runs
    /// done (of finished and current points) and the total. Throws `Stopped` once `stop` is
    /// set; the rows already handed to `onPoint` are the finished part.
    /// With `only`, just those points are simulated (one task of a cluster plan).
    public func execute(
        restored: [Int: SweepRow] = [:], stop: StopFlag? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
        only: Range<Int>? = nil, onPoint: (SweepRow) throws -> Void = { _ in }
    ) throws -> [SweepRow] {
        var rows = restored
        let runs = base.runs
        let range = only ?? 0..<jobs.count
        let totalRuns = range.count * runs
        progress?(rows.count * runs, totalRuns)
        for (i, job) in jobs.enumerated() where rows[i] == nil && range.contains(i) {
            try stop.throwIfSet()
            let before = rows.count * runs
            let summary = try job.execute(progress: { progress?(before + $0, totalRuns) }, stop: stop)
            let row = SweepRow(point: i, task: taskID(point: i), values: values(point: i), summary: summary)
            try onPoint(row)
            rows[i] = row
            progress?(rows.count * runs, totalRuns)
        }
        return (0..<jobs.count).compactMap { rows[$0] }
    }

    /// The parameter values of point `i`, whole-number parameters rounded.
    func values(point i: Int) -> [Double] {
        zip(design.parameters, design.values[i]).map { $0.levels == nil ? Self.rounded($1, for: $0.key) : $1 }
    }

    /// The identity of point `i` (scenario hash, point, seed), stable across machines.
    func taskID(point i: Int) -> String { "\(base.scenario.sourceHash.prefix(16))-\(i)-\(base.seed)" }

    /// The finished sweep as JSON (schema `stalemate.sweep/1`): the file `--output X.json`
    /// writes, and what the store records.
    public struct ResultFile: Codable, Sendable {
        public var schema = "stalemate.sweep/1"
        public var scenario: EnsembleSummary.ScenarioInfo
        public var parameters: [SweepParameter]
        public var design: String
        public var runs: Int
        public var seed: UInt64
        public var rows: [SweepRow]
    }

    /// The JSON text of a finished sweep.
    public func json(rows: [SweepRow]) throws -> String {
        let s = base.scenario
        let file = ResultFile(
            scenario: .init(id: s.id, title: s.title, hash: s.sourceHash), parameters: design.parameters,
            design: design.kind.rawValue, runs: base.runs, seed: base.seed, rows: rows)
        return try StableJSON.text(file) + "\n"
    }

    /// Writes the finished sweep as CSV or JSON (`json`, by default by `output`'s extension)
    /// and removes its checkpoint.
    public func write(rows: [SweepRow], to output: URL, json asJSON: Bool? = nil) throws {
        let text: String
        if asJSON ?? (output.pathExtension.lowercased() == "json") {
            text = try json(rows: rows)
        } else {
            text = Self.csv(rows: rows, parameters: design.parameters)
        }
        try text.write(to: output, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: SweepCheckpoint.url(for: output))
    }

    public static func csv(rows: [SweepRow], parameters: [SweepParameter]) -> String {
        func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func triple(_ name: String) -> [String] { [name, name + "_lower", name + "_upper"] }
        let header =
            ["point", "task"] + parameters.map(\.key) + triple("settled") + triple("ceasefireHolding")
            + triple("defeat")
            + triple("ongoing") + triple("stillAtWar52") + triple("stillAtWar104") + triple("stillAtWar156")
            + ["medianWeeksOfWar", "suspensionsPerRun", "cyclesPerRun", "casualtiesA", "casualtiesB", "termsMedian"]
        var lines = [header.joined(separator: ",")]
        for r in rows {
            func t(_ x: [Double]?) -> [String] { x.map { $0.map(f) } ?? ["", "", ""] }
            let cells: [String] =
                ["\(r.point)", r.task] + zip(parameters, r.values).map { $0.levels == nil ? f($1) : $0.text($1) }
                + t(r.settled) + t(r.ceasefireHolding) + t(r.defeat)
                + t(r.ongoing) + t(r.stillAtWar52) + t(r.stillAtWar104) + t(r.stillAtWar156)
                + [
                    r.medianWeeksOfWar.map(String.init) ?? "", f(r.suspensionsPerRun), f(r.cyclesPerRun),
                    f(r.casualtiesA),
                    f(r.casualtiesB), f(r.termsMedian),
                ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
