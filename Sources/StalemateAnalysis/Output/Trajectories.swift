import StalemateCore

/// Records the weekly state of runs as CSV rows (`stalemate run --trajectories FILE`).
/// Used only for the few runs a user asks for, so it may allocate.
public struct TrajectoryRecorder: WeekObserver {
    /// The columns every scenario has; `control.<region id>` columns follow, one per region.
    public static let fixedColumns =
        "run,week,share,phase,escalation,blocker,forcesA,forcesB,casualtiesA,casualtiesB,humiliationA,humiliationB,momentum,beliefA,beliefB,reservationA,reservationB,proposalA,proposalB,willingnessA,willingnessB,rangeExists,occupiedA,occupiedB"
    public private(set) var rows: [String] = []
    var runIndex = 0

    public init() {}

    /// The header for a model: the fixed columns, then `control.<id>` for each region.
    public static func header(for model: CompiledModel) -> String {
        ([fixedColumns] + model.model.regions.map { "control.\($0.id)" }).joined(separator: ",")
    }

    /// Simulates runs `0..<count` of `model` with `seed` and returns the CSV text.
    public static func csv(model: CompiledModel, seed: UInt64, runs count: Int) -> String {
        var simulator = Simulator(model, seed: seed)
        var recorder = TrajectoryRecorder()
        for i in 0..<count {
            recorder.runIndex = i
            _ = simulator.run(i, observer: &recorder)
        }
        return ([header(for: model)] + recorder.rows).joined(separator: "\n") + "\n"
    }

    public mutating func observe(_ s: WeekSnapshot) {
        func f(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
        let fields: [String] =
            [
                "\(runIndex)", "\(s.week)", f(s.share), s.phase.description, "\(s.escalation)",
                s.blocker?.description ?? "",
                f(s.forces.a), f(s.forces.b), f(s.casualties.a), f(s.casualties.b), f(s.humiliation.a),
                f(s.humiliation.b),
                f(s.momentum), f(s.belief.a), f(s.belief.b), f(s.reservation.a), f(s.reservation.b), f(s.proposal.a),
                f(s.proposal.b), f(s.willingness.a), f(s.willingness.b), s.rangeExists ? "1" : "0",
                f(s.occupied.a), f(s.occupied.b),
            ]
        rows.append(fields.joined(separator: ","))
    }

    public static var observesRegions: Bool { true }

    /// The `control.<region>` columns of the week's row.
    public mutating func observe(regions control: UnsafeBufferPointer<Double>) {
        guard !rows.isEmpty else { return }
        rows[rows.count - 1] += control.map { $0.isNaN ? "," : ",\($0)" }.joined()
    }

    public mutating func finish(_ record: RunRecord) {}
}
