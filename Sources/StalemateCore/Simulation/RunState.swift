/// The per-run state that changes week by week. Its tables live in the simulator's arena:
/// copies of a state share them.
@usableFromInline
struct RunState {
    @usableFromInline let control: Table<Double>
    let active: Table<Bool>
    var forces = SidePair(repeating: 0.0)
    var alpha = SidePair(repeating: 1.0)
    var beta = SidePair(repeating: 1.0)
    var share = 0.0
    /// Value of its home regions each side holds (kept current by battles).
    var homeHeld = SidePair(repeating: 0.0)
    /// Σ_active v_r Δ_r / Σ v_r, which changes only when a region becomes active.
    var drift = 0.0
    var momentum = 0.0
    var humiliation = SidePair(repeating: 0.0)
    var level = 0
    var lastEscalation = SidePair(repeating: Int.min / 2)
    var answered = SidePair(repeating: true)
    var quietWeeks = 0
    var phase = TalksPhase.closed
    var suspendedBy = Side.a
    var suspendedCause = SuspensionCause.shock
    var willingStreak = SidePair(repeating: 0)
    var unwillingStreak = SidePair(repeating: 0)
    var proposal = SidePair(repeating: Double.nan)
    var ceasefireStart = 0
    var shock = SidePair(repeating: 0.0)
    var shockCause = SidePair(repeating: SuspensionCause.shock)
    /// Latent willingness z_i (NaN before the first week).
    var latent = SidePair(repeating: Double.nan)
    /// A's share of all forces when the ceasefire in force was agreed.
    var ceasefirePower = 0.5
    /// The week until which each partial agreement holds (exclusive; 0: not in force).
    let partialUntil: Table<Int>
    /// How many entries of `partialUntil` are non-zero: a week with none skips their loops.
    var partialsInForce = 0
    /// Talks convened on one partial agreement only (its index), or -1 for general talks.
    var track = -1

    init(regionCount: Int, partialCount: Int, in arena: Arena) {
        control = Table(repeating: 0, count: regionCount, in: arena)
        active = Table(repeating: false, count: regionCount, in: arena)
        partialUntil = Table(repeating: 0, count: partialCount, in: arena)
    }
}
