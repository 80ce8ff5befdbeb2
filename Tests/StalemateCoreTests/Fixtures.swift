import StalemateCore

/// Small models built in code, independent of the YAML loader.
enum Fixtures {
    /// No talks and no escalation: the war is decided on the battlefield alone.
    static func silence(_ p: inout ParameterValues<SideParameter>) {
        p[.baseWillingness] = -50
        p[.baseEscalation] = -50
        p[.effectiveness] = 0
        p[.collapse] = 0
        p[.defeatThreshold] = 0
    }

    /// Smith & Stam's gambler's ruin: one region, constant forces, k of n steps from A's defeat.
    static func gamblersRuin(forcesA: Double, forcesB: Double, start k: Int, of n: Int) -> WarModel {
        var params = ParameterValues<ModelParameter>()
        params[.horizonWeeks] = 4000
        params[.rangeWeight] = 0
        params[.costWeight] = 0
        params[.forgetting] = 1
        var a = ParameterValues<SideParameter>()
        var b = ParameterValues<SideParameter>()
        silence(&a)
        silence(&b)
        a[.forces] = forcesA
        b[.forces] = forcesB
        return WarModel(
            parameters: params, sides: SidePair(a: a, b: b),
            regions: [Region(id: "front", home: .a, value: 1, control: Double(k) / Double(n), step: 1 / Double(n))],
            decisiveAt: 0.5 / Double(n)...(1 - 0.5 / Double(n)))
    }

    /// Two symmetric sides that bargain; used for Fearon, complete information and comparative statics.
    static func bargaining(
        priorA: (Double, Double) = (10, 10), priorB: (Double, Double) = (10, 10), cost: Double = 0.002,
        horizon: Int = 156
    ) -> WarModel {
        var params = ParameterValues<ModelParameter>()
        params[.horizonWeeks] = Double(horizon)
        var a = ParameterValues<SideParameter>()
        var b = ParameterValues<SideParameter>()
        a[.priorAlpha] = priorA.0
        a[.priorBeta] = priorA.1
        b[.priorAlpha] = priorB.0
        b[.priorBeta] = priorB.1
        a[.weeklyCost] = cost
        b[.weeklyCost] = cost
        a[.effectiveness] = 0.005
        b[.effectiveness] = 0.005
        a[.reinforcement] = 0.5
        b[.reinforcement] = 0.5
        return WarModel(
            parameters: params, sides: SidePair(a: a, b: b),
            regions: [
                Region(id: "north", home: .a, value: 1, symbolic: 1, control: 0.5),
                Region(id: "south", home: .b, value: 1, symbolic: 1, control: 0.5),
            ])
    }
}

/// Records every snapshot of a run.
struct SnapshotRecorder: WeekObserver {
    var snapshots: [WeekSnapshot] = []
    var record: RunRecord?
    mutating func observe(_ snapshot: WeekSnapshot) { snapshots.append(snapshot) }
    mutating func finish(_ record: RunRecord) { self.record = record }
}
