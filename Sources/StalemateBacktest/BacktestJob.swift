import StalemateAnalysis
import StalemateCore
import StalemateScenario
import StalemateStatistics

/// The job of `stalemate backtest`: simulate a scenario's ensemble, record one observable in
/// every run at the observed weeks, and score the predictive distributions against the
/// observations and two naive baselines (docs/backtest.md).
public struct BacktestJob: Sendable {
    public let run: RunJob
    public let observable: Observable
    public let series: ObservedSeries
    /// The file as given and the factor its values were multiplied by.
    public let file: String
    public let scale: Double
    /// The first week the trend baseline is fitted from (nil: all before the origin).
    public let trendFrom: Int?

    /// The weeks scored (1 … horizon), with their observations.
    public let scored: [ObservedSeries.Point]
    public let baselines: Baselines
    public let notes: [String]

    /// Checks that the series has something to score and something to start the baselines
    /// from; the observable must already be resolved against the scenario.
    public init(
        run: RunJob, observable: Observable, series: ObservedSeries, file: String, scale: Double, trendFrom: Int?
    ) throws(BacktestDataError) {
        self.run = run
        self.observable = observable
        self.series = series
        self.file = file
        self.scale = scale
        self.trendFrom = trendFrom
        let horizon = run.scenario.model.horizon
        scored = series.points.filter { $0.week >= 1 && $0.week <= horizon }
        let firstLine = series.points.first?.line
        guard !scored.isEmpty else { throw BacktestDataError(.nothingToScore(horizon: horizon), file: file) }
        guard let baselines = Baselines(points: series.points.map { ($0.week, $0.value) }, trendFrom: trendFrom)
        else { throw BacktestDataError(.noOrigin, file: file, line: firstLine) }
        self.baselines = baselines
        var notes = series.notes
        let before = series.points.filter { $0.week < 0 }
        if !before.isEmpty {
            notes.append(
                "\(before.count) row(s) before week 0 (weeks \(before.first!.week)…\(before.last!.week)) are not scored: they feed only the baselines"
            )
        }
        let past = series.points.filter { $0.week > horizon }
        if !past.isEmpty {
            notes.append(
                "\(past.count) row(s) past the horizon (week \(horizon)) were ignored, from line \(past.first!.line)")
        }
        self.notes = notes
    }

    /// The observable's value in the starting state of `model` (the same in every run).
    func startingValue(of model: CompiledModel) -> Double {
        var simulator = Simulator(model, seed: run.seed)
        let start = simulator.initialSnapshot()
        return observable.value(in: start, regions: simulator.regionControl)
    }

    /// Simulates the ensemble and scores it. `onChunk` receives each chunk's tallies and run
    /// records in chunk order (for the store); `progress` the number of runs done.
    public func execute(
        onChunk: (@Sendable (_ chunk: Int, _ accumulator: EnsembleAccumulator, _ records: [RunRecord]) -> Void)? = nil,
        chunkSize: Int = 256, progress: (@Sendable (Int) -> Void)? = nil, stop: StopFlag? = nil
    ) throws(Stopped) -> (result: BacktestResult, accumulator: EnsembleAccumulator) {
        let model = run.compiled
        let ensemble = Ensemble(
            model: model, seed: run.seed, runs: run.runs, threads: run.threads, chunkSize: chunkSize)
        // Observation of week w = the state at the end of simulated week w − 1.
        var slots = [Int](repeating: -1, count: model.horizon)
        for (k, p) in scored.enumerated() { slots[p.week - 1] = k }
        let sampler = ObservableSampler(observable: observable, slots: slots, targets: scored.count)
        let merged = Locked(
            (accumulator: ensemble.makeAccumulator(), values: [Double](), runs: 0))
        let keepRecords = onChunk != nil
        OrderedChunks.run(
            count: ensemble.chunkCount, threads: ensemble.threads,
            work: { chunk -> (EnsembleAccumulator, [Double], [RunRecord]) in
                var simulator = Simulator(model, seed: run.seed)
                var observer = Both(first: ensemble.makeAccumulator(), second: sampler)
                var records: [RunRecord] = []
                let lo = chunk * chunkSize
                let hi = min(run.runs, lo + chunkSize)
                if keepRecords { records.reserveCapacity(hi - lo) }
                for i in lo..<hi {
                    let r = simulator.run(i, observer: &observer)
                    if keepRecords { records.append(r) }
                }
                return (observer.first, observer.second.values, records)
            },
            merge: { chunk, result in
                onChunk?(chunk, result.0, result.2)
                let done = merged.withLock { m in
                    m.accumulator.merge(result.0)
                    m.values.append(contentsOf: result.1)
                    m.runs += result.0.runs
                    return m.runs
                }
                progress?(done)
            }, shouldStop: stop?.check)
        try stop.throwIfSet()
        let (accumulator, values) = merged.withLock { ($0.accumulator, $0.values) }
        return (score(values: values, accumulator: accumulator, start: startingValue(of: model)), accumulator)
    }

    /// Scores the runs' values (run-major: run i's value for scored week k at i × K + k);
    /// `start` is the observable's value at week 0.
    func score(values: [Double], accumulator: EnsembleAccumulator, start s: Double) -> BacktestResult {
        let k = scored.count
        let binary = observable.isBinary
        let origin = series.points.first { $0.week == 0 }.map { o in
            BacktestResult.Origin(observed: o.value, scenario: s, difference: s - o.value)
        }
        var rows: [BacktestResult.WeekRow] = []
        var anchoredRows: [BacktestResult.WeekRow] = []
        for (j, point) in scored.enumerated() {
            var column = [Double](repeating: 0, count: run.runs)
            for i in 0..<run.runs { column[i] = values[i * k + j] }
            column.sort()
            let y = point.value
            let p = baselines.persistence(week: point.week)
            let t = baselines.trend(week: point.week)
            let row = BacktestResult.WeekRow(
                week: point.week, date: point.date ?? run.scenario.date(ofWeek: point.week)?.description,
                observed: y,
                model: BacktestResult.ensembleForecast(sorted: column, y, binary: binary),
                persistence: BacktestResult.normalForecast(mean: p.mean, sd: p.sd, y, binary: binary),
                trend: BacktestResult.normalForecast(mean: t.mean, sd: t.sd, y, binary: binary))
            rows.append(row)
            if let origin, !binary {
                var shifted = row
                shifted.model = BacktestResult.ensembleForecast(
                    sorted: column.map { $0 - origin.difference }, y, binary: false)
                anchoredRows.append(shifted)
            }
        }
        var bands: [BacktestResult.ScoreSet] = []
        for (from, to) in BacktestResult.bandLimits {
            let inBand = rows.filter { $0.week >= from && $0.week <= (to ?? Int.max) }
            guard !inBand.isEmpty else { continue }
            let name = to.map { "\(from)-\($0)" } ?? "\(from)+"
            bands.append(BacktestResult.scores(inBand, binary: binary, band: (name, from, to), withPIT: false))
        }
        let before = series.points.filter { $0.week < 0 }.count
        let past = series.points.filter { $0.week > run.scenario.model.horizon }.count
        return BacktestResult(
            scenario: .init(id: run.scenario.id, title: run.scenario.title, hash: run.scenario.sourceHash),
            settings: .init(
                runs: run.runs, seed: run.seed, weeks: run.scenario.model.horizon, overrides: run.overrides),
            observed: .init(
                file: file, column: series.column, scale: scale, observable: observable.description,
                label: observable.label(sides: sideNames), binary: binary,
                startDate: run.scenario.startDate?.description, rows: series.points.count, scored: rows.count,
                beforeOrigin: before, pastHorizon: past),
            baselines: baselines, origin: origin, weeks: rows, bands: bands,
            summary: BacktestResult.scores(rows, binary: binary, band: nil, withPIT: true),
            anchored: anchoredRows.isEmpty
                ? nil : BacktestResult.scores(anchoredRows, binary: false, band: nil, withPIT: true),
            notes: notes,
            ensemble: run.summary(of: accumulator))
    }

    var sideNames: [String: String] {
        let names = run.scenario.model.sideNames
        return ["A": names.a, "B": names.b]
    }
}

/// Records one observable of each run at the scored weeks.
struct ObservableSampler: WeekObserver {
    let observable: Observable
    /// For each simulated week: the index of the scored week it gives, or -1.
    let slots: [Int]
    let targets: Int
    /// Values of the run in progress, then of every finished run (run-major).
    var values: [Double] = []
    var filled = 0
    var last = 0.0
    /// The week being observed, until its regions arrive.
    var current: WeekSnapshot?

    static var observesRegions: Bool { true }

    init(observable: Observable, slots: [Int], targets: Int) {
        self.observable = observable
        self.slots = slots
        self.targets = targets
    }

    mutating func observe(_ s: WeekSnapshot) { current = s }

    mutating func observe(regions control: UnsafeBufferPointer<Double>) {
        guard let s = current else { return }
        last = observable.value(in: s, regions: control)
        // The week a run ends is filled by `finish`, which knows how it ended.
        guard s.phase != .ended else { return }
        let k = slots[s.week]
        if k >= 0 {
            values.append(last)
            filled = k + 1
        }
    }

    mutating func finish(_ record: RunRecord) {
        if filled < targets {
            let after = observable.valueAfterEnd(last: last, outcome: record.outcome)
            for _ in filled..<targets { values.append(after) }
        }
        filled = 0
    }
}

/// Two observers fed the same weeks.
struct Both<First: WeekObserver, Second: WeekObserver>: WeekObserver {
    var first: First
    var second: Second

    static var observesRegions: Bool { First.observesRegions || Second.observesRegions }

    mutating func observe(_ snapshot: WeekSnapshot) {
        first.observe(snapshot)
        second.observe(snapshot)
    }

    mutating func observe(regions control: UnsafeBufferPointer<Double>) {
        if First.observesRegions { first.observe(regions: control) }
        if Second.observesRegions { second.observe(regions: control) }
    }

    mutating func finish(_ record: RunRecord) {
        first.finish(record)
        second.finish(record)
    }
}
