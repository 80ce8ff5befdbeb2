import Foundation

/// A `WarModel` flattened for the hot loop: every scheduled quantity (policies, offensives,
/// events) is precomputed per week, so a simulated week only indexes arrays. A class, so
/// that workers share one copy and the loop never copies its many arrays.
public final class CompiledModel: Sendable {
    public let model: WarModel
    /// Owns the memory of the tables below.
    let arena: Arena
    public let horizon: Int
    public let regionCount: Int

    // Map.
    let value: Table<Double>
    let symbolic: Table<Double>
    let home: Table<Side>
    let step: Table<Double>
    let initialControl: Table<Double>
    let initialActive: Table<Bool>
    /// The regions not active at the start (those an incursion can open), in order.
    let initiallyInactive: Table<Int>
    let totalValue: Double
    let homeValue: SidePair<Double>

    // Sides.
    let forces0: SidePair<Double>
    let effectiveness: SidePair<Double>
    let reinforcement: SidePair<Double>
    let collapse: SidePair<Double>
    let defeatThreshold: SidePair<Double>
    let priorAlpha: SidePair<Double>
    let priorBeta: SidePair<Double>
    let weeklyCost: SidePair<Double>
    /// Σ_{h<H} δ_i^h, the discounted number of weeks of war looked ahead.
    let discountedWeeks: SidePair<Double>
    let humiliationSensitivity: SidePair<Double>
    let baseWillingness: SidePair<Double>
    let contingency: SidePair<Double>
    let suspensionSensitivity: SidePair<Double>
    let concession: SidePair<Double>
    let baseEscalation: SidePair<Double>
    let retaliation: SidePair<Double>

    // Shared parameters.
    let decisiveness: Double
    let law: AttritionLaw
    let escalationIntensity: Double
    let escalationCost: Double
    let lookAhead: Double
    let momentumKeep: Double
    let humiliationKeep: Double
    let momentumScale: Double
    let costWeight: Double
    let humiliationWeight: Double
    let rangeWeight: Double
    let pressureWeight: Double
    let humiliationDemand: Double
    let willingnessFloor: Double
    let cooldown: Int
    let quitAfter: Int
    let meetingRate: Double
    let mediatorNoise: Double
    let breakdownHazard: Double
    let settleAfter: Int
    let forgetting: Double
    let ladderMax: Int
    let escalationLossWeight: Double
    let escalationHumiliationWeight: Double
    let retaliationWindow: Int
    let deescalationQuietWeeks: Int
    let deescalationProbability: Double
    let escalationShock: Double
    let openingMargin: Double
    let decisiveLow: Double
    let decisiveHigh: Double

    // v2 mechanisms (docs/model.md); each at its default reproduces v1.
    let valuation: Int
    let persistence: Double
    /// √(1 − ρ²): keeps each week's marginal willingness that of the latent mean.
    let persistenceScale: Double
    let resumptionRate: Double
    let netHumiliation: Bool
    let closeRecaptured: Bool
    let breakdownShape: Double
    /// exp(−β_s strength).
    let strengthFactor: Double
    let powerShiftEffect: Double
    let settledEndsRun: Bool
    let termsMoveLine: Bool
    /// Valuation 2: the survival weights of an agreement made in week t, one table per
    /// distinct guarantee level (`survivalTable[survivalIndex[t]]`).
    let survivalIndex: Table<Int>
    let survivalTable: Table<SurvivalWeights>
    /// Political issues: whether two core demands contradict (no package both accept), and
    /// what each side gains from the package the issues settle at.
    let issuesConflict: Bool
    let issueGain: SidePair<Double>
    /// Who gets its way on each issue in that package.
    public let issuePackage: [Side]
    /// Partial agreements (section 7b): rung cap (Int.max: none), willingness bonus, agreed
    /// weeks (Int.max: to the horizon), chance per round and weekly breakdown hazard.
    let partialCap: Table<Int>
    let hasPartials: Bool
    let partialWillingness: Table<Double>
    let partialWeeks: Table<Int>
    let partialChance: Table<Double>
    let partialHazard: Table<Double>

    /// Square law with both sides firing: cosh and sinh of `sqrt(k_A k_B) I` for each
    /// escalation level, and `sqrt(k_B / k_A)`, so a week's exact step needs no `exp`.
    let squareCosh: Table<Double>
    let squareSinh: Table<Double>
    let squareRatio: Double
    let squareFast: Bool

    // Weekly schedule, index t (or t * regionCount + r for allocations).
    let aid: SidePair<Table<Double>>
    let sanctionFactor: SidePair<Table<Double>>
    let pressure: SidePair<Table<Double>>
    let restraint: SidePair<Table<Double>>
    let decoupling: Table<Double>
    let convening: Table<Double>
    let guarantee: Table<Double>
    let information: Table<Double>
    let mediatorPresent: Table<Bool>
    let allocationWeight: SidePair<Table<Double>>
    /// Whether every region has allocation weight 1 for both sides in week t (no offensive).
    let uniformAllocation: Table<Bool>
    let eventStart: Table<Int>
    let eventKinds: Table<EventKind>

    /// Uniform draws consumed per simulated week, whatever happens in it, so that variants
    /// of a scenario stay on common random numbers.
    public var drawsPerWeek: Int { regionCount + 12 }

    /// Compiles `model`. Call `model.problems()` first: invalid models trap here.
    public init(_ model: WarModel) {
        precondition(model.problems().isEmpty, "invalid model: \(model.problems().joined(separator: "; "))")
        self.model = model
        let p = model.parameters
        let T = model.horizon
        let n = model.regions.count
        horizon = T
        regionCount = n
        let arena = Arena()
        self.arena = arena
        func table<T>(_ array: [T]) -> Table<T> { Table(array, in: arena) }
        func tables(_ pair: SidePair<[Double]>) -> SidePair<Table<Double>> {
            SidePair(a: table(pair.a), b: table(pair.b))
        }
        value = table(model.regions.map(\.value))
        symbolic = table(model.regions.map(\.symbolic))
        home = table(model.regions.map(\.home))
        step = table(model.regions.map { $0.step ?? p[.regionStep] })
        initialControl = table(model.regions.map(\.control))
        initialActive = table(model.regions.map(\.active))
        initiallyInactive = table(model.regions.indices.filter { !model.regions[$0].active })
        totalValue = model.regions.map(\.value).reduce(0, +)
        homeValue = SidePair(
            a: model.regions.filter { $0.home == .a }.map(\.value).reduce(0, +),
            b: model.regions.filter { $0.home == .b }.map(\.value).reduce(0, +))

        func side(_ key: SideParameter) -> SidePair<Double> {
            SidePair(a: model.sides.a[key], b: model.sides.b[key])
        }
        forces0 = side(.forces)
        effectiveness = side(.effectiveness)
        reinforcement = side(.reinforcement)
        collapse = side(.collapse)
        defeatThreshold = side(.defeatThreshold)
        priorAlpha = side(.priorAlpha)
        priorBeta = side(.priorBeta)
        weeklyCost = side(.weeklyCost)
        let H = Int(p[.lookAheadWeeks])
        let delta = side(.discount)
        func geometric(_ d: Double) -> Double {
            d == 1 ? Double(H) : (1 - pow(d, Double(H))) / (1 - d)
        }
        discountedWeeks = SidePair(a: geometric(delta.a), b: geometric(delta.b))
        humiliationSensitivity = side(.humiliationSensitivity)
        baseWillingness = side(.baseWillingness)
        contingency = side(.contingency)
        suspensionSensitivity = side(.suspensionSensitivity)
        concession = side(.concession)
        baseEscalation = side(.baseEscalation)
        retaliation = side(.retaliation)

        decisiveness = p[.decisiveness]
        law = model.attritionLaw
        escalationIntensity = p[.escalationIntensity]
        escalationCost = p[.escalationCost]
        lookAhead = Double(H)
        momentumKeep = pow(0.5, 1 / p[.momentumHalfLife])
        humiliationKeep = pow(0.5, 1 / p[.humiliationHalfLife])
        momentumScale = p[.momentumScale]
        costWeight = p[.costWeight]
        humiliationWeight = p[.humiliationWeight]
        rangeWeight = p[.rangeWeight]
        pressureWeight = p[.pressureWeight]
        humiliationDemand = p[.humiliationDemand]
        willingnessFloor = p[.willingnessFloor]
        cooldown = Int(p[.cooldownWeeks])
        quitAfter = Int(p[.quitAfterWeeks])
        meetingRate = p[.meetingRate]
        mediatorNoise = p[.mediatorNoise]
        breakdownHazard = p[.breakdownHazard]
        settleAfter = Int(p[.settleAfterWeeks])
        forgetting = p[.forgetting]
        ladderMax = Int(p[.ladderMax])
        escalationLossWeight = p[.escalationLossWeight]
        escalationHumiliationWeight = p[.escalationHumiliationWeight]
        retaliationWindow = Int(p[.retaliationWindow])
        deescalationQuietWeeks = Int(p[.deescalationQuietWeeks])
        deescalationProbability = p[.deescalationProbability]
        escalationShock = p[.escalationShock]
        openingMargin = p[.openingMargin]
        decisiveLow = model.decisiveAt?.lowerBound ?? -1
        decisiveHigh = model.decisiveAt?.upperBound ?? 2
        valuation = Int(p[.valuation])
        persistence = p[.willingnessPersistence]
        persistenceScale = (1 - persistence * persistence).squareRoot()
        resumptionRate = p[.resumptionRate]
        netHumiliation = p[.netHumiliation] >= 0.5
        closeRecaptured = p[.closeRecapturedIncursions] >= 0.5
        breakdownShape = p[.breakdownShape]
        strengthFactor = exp(-p[.strengthEffect] * p[.agreementStrength])
        powerShiftEffect = p[.powerShiftEffect]
        settledEndsRun = p[.settledEndsRun] >= 0.5
        termsMoveLine = p[.termsMoveLine] >= 0.5
        partialCap = table(model.partialAgreements.map { $0.cap ?? Int.max })
        hasPartials = !model.partialAgreements.isEmpty
        partialWillingness = table(model.partialAgreements.map(\.willingness))
        partialWeeks = table(model.partialAgreements.map { $0.weeks ?? Int.max })
        partialChance = table(model.partialAgreements.map(\.chancePerRound))
        partialHazard = table(model.partialAgreements.map(\.breakdownHazard))
        let package = IssuePackage(model.issues)
        issuesConflict = package.conflict
        issueGain = package.gain
        issuePackage = package.winners

        let kA = model.sides.a[.effectiveness]
        let kB = model.sides.b[.effectiveness]
        let phi = p[.escalationIntensity]
        let levels = (0...Int(p[.ladderMax])).map { (kA * kB).squareRoot() * (1 + phi * Double($0)) }
        squareFast = model.attritionLaw == .square && kA > 0 && kB > 0
        squareCosh = table(levels.map { cosh($0) })
        squareSinh = table(levels.map { sinh($0) })
        squareRatio = kA > 0 ? (kB / kA).squareRoot() : 0

        let schedule = Schedule(model: model, horizon: T, regionCount: n)
        aid = tables(schedule.aid)
        sanctionFactor = tables(schedule.sanctionFactor)
        pressure = tables(schedule.pressure)
        restraint = tables(schedule.restraint)
        decoupling = table(schedule.decoupling)
        convening = table(schedule.convening)
        guarantee = table(schedule.guarantee)
        information = table(schedule.information)
        mediatorPresent = table(schedule.mediatorPresent)
        allocationWeight = tables(schedule.allocationWeight)
        uniformAllocation = table(
            (0..<T).map { t in
                (0..<n).allSatisfy {
                    schedule.allocationWeight.a[t * n + $0] == 1 && schedule.allocationWeight.b[t * n + $0] == 1
                }
            })
        eventStart = table(schedule.eventStart)
        eventKinds = table(schedule.eventKinds)

        var index = [Int](repeating: 0, count: valuation == 2 ? T : 0)
        var weights: [SurvivalWeights] = []
        var seen: [Double: Int] = [:]
        if valuation == 2 {
            for t in 0..<T {
                let g = schedule.guarantee[t]
                if let i = seen[g] {
                    index[t] = i
                } else {
                    seen[g] = weights.count
                    index[t] = weights.count
                    weights.append(
                        SurvivalWeights(
                            horizon: H, discount: delta, hazard: p[.breakdownHazard], shape: p[.breakdownShape],
                            factor: (1 - g) * exp(-p[.strengthEffect] * p[.agreementStrength]), in: arena))
                }
            }
        }
        survivalIndex = Table(index, in: arena)
        survivalTable = Table(weights, in: arena)
    }

    /// The weekly breakdown hazard of a ceasefire `age` weeks old (age ≥ 1) with guarantee
    /// `guarantee` and a change `powerShift` in A's force share since it was agreed:
    /// θ k a^(k−1) (1 − G) exp(−β_s strength + γ |Δp|), at most 1 (section 7c).
    @inline(__always)
    public func breakdownProbability(age: Int, guarantee: Double, powerShift: Double) -> Double {
        var h = breakdownHazard * (1 - guarantee) * strengthFactor
        if breakdownShape != 1 { h *= breakdownShape * pow(Double(max(age, 1)), breakdownShape - 1) }
        if powerShiftEffect > 0 { h *= exp(powerShiftEffect * abs(powerShift)) }
        return min(1, h)
    }
}

/// The package of political issues agreements settle at (section 5): each issue goes to the
/// side that holds it as a core demand, else to the side that values it more (A on a tie),
/// which maximises the sides' joint gain among the packages both can accept. The war settles
/// no issue, so a side gains its value of each issue it wins and loses its value of each it
/// concedes: trading issues widens the range by what the sides value differently (logrolling),
/// and a core demand the other side values more narrows it. Two core demands on the same
/// issue leave no acceptable package.
struct IssuePackage {
    var conflict = false
    var gain = SidePair(repeating: 0.0)
    var winners: [Side] = []

    init(_ issues: [PoliticalIssue]) {
        for issue in issues {
            if issue.core.a && issue.core.b { conflict = true }
            let winner: Side =
                issue.core.a ? .a : issue.core.b ? .b : issue.value.a >= issue.value.b ? .a : .b
            winners.append(winner)
            gain[winner] += issue.value[winner]
            gain[winner.opponent] -= issue.value[winner.opponent]
        }
    }
}

/// Valuation 2 (section 5): how an agreement made now is weighted over the look-ahead.
/// With w_i(s) = δ_i^s / Σ_{s<H} δ_i^s and S(s) the chance that it still holds after s weeks,
/// `survival` = Σ_s w_i(s) S(s) (the share of the look-ahead it is expected to hold) and
/// `tail[u]` = Σ_{s>u} w_i(s) S(s), the weight of week u's change of the front in the
/// agreement's value: a side that agrees forgoes the changes it expected while the
/// agreement holds, and fights on from the agreed line if it breaks.
struct SurvivalWeights: Sendable {
    let survival: SidePair<Double>
    let tail: SidePair<Table<Double>>
    let tailSum: SidePair<Double>

    init(
        horizon H: Int, discount: SidePair<Double>, hazard: Double, shape: Double, factor: Double, in arena: Arena
    ) {
        var holds = [Double](repeating: 1, count: H)
        for s in 1..<max(H, 1) {
            let a = Double(s)
            let p = min(1, hazard * factor * (shape == 1 ? 1 : shape * pow(a, shape - 1)))
            holds[s] = holds[s - 1] * (1 - p)
        }
        func weights(_ d: Double) -> (Double, [Double], Double) {
            let w = (0..<H).map { pow(d, Double($0)) }
            let total = w.reduce(0, +)
            let k = (0..<H).map { w[$0] / total * holds[$0] }
            var tail = [Double](repeating: 0, count: H)
            var acc = 0.0
            for u in stride(from: H - 1, through: 0, by: -1) {
                tail[u] = acc
                acc += k[u]
            }
            return (k.reduce(0, +), tail, tail.reduce(0, +))
        }
        let a = weights(discount.a)
        let b = weights(discount.b)
        survival = SidePair(a: a.0, b: b.0)
        tail = SidePair(a: Table(a.1, in: arena), b: Table(b.1, in: arena))
        tailSum = SidePair(a: a.2, b: b.2)
    }
}

/// Builds the weekly arrays of a `CompiledModel`. How overlapping policies combine:
/// aid and pressure add up; sanctions add up (as fractions of cost); decoupling, guarantees,
/// information precision and convening rate take the strongest active value; restraints
/// combine as independent cuts, `1 - Π(1 - r)`, including the side's own restraint.
struct Schedule {
    var aid: SidePair<[Double]>
    var sanctionFactor: SidePair<[Double]>
    var pressure: SidePair<[Double]>
    var restraint: SidePair<[Double]>
    var decoupling: [Double]
    var convening: [Double]
    var guarantee: [Double]
    var information: [Double]
    var mediatorPresent: [Bool]
    var allocationWeight: SidePair<[Double]>
    var eventStart: [Int]
    var eventKinds: [EventKind]

    init(model: WarModel, horizon T: Int, regionCount n: Int) {
        let zeros = [Double](repeating: 0, count: T)
        aid = SidePair(repeating: zeros)
        sanctionFactor = SidePair(repeating: [Double](repeating: 1, count: T))
        pressure = SidePair(repeating: zeros)
        var keep = SidePair(
            a: [Double](repeating: 1 - model.sides.a[.restraint], count: T),
            b: [Double](repeating: 1 - model.sides.b[.restraint], count: T))
        decoupling = zeros
        convening = zeros
        guarantee = zeros
        information = zeros
        for policy in model.policies {
            let lo = max(0, policy.fromWeek)
            let hi = min(T, policy.toWeek)
            guard lo < hi else { continue }
            for t in lo..<hi {
                switch policy.kind {
                case .aid(let to, let perWeek): aid[to][t] += perWeek
                case .sanctions(let on, let fraction): sanctionFactor[on][t] += fraction
                case .decoupling(let level): decoupling[t] = max(decoupling[t], level)
                case .convening(let rate): convening[t] = max(convening[t], rate)
                case .guarantee(let level): guarantee[t] = max(guarantee[t], level)
                case .information(let precision): information[t] = max(information[t], precision)
                case .pressure(let on, let amount): pressure[on][t] += amount
                case .restraint(let on, let fraction): keep[on][t] *= 1 - fraction
                }
            }
        }
        restraint = SidePair(a: keep.a.map { 1 - $0 }, b: keep.b.map { 1 - $0 })
        mediatorPresent = zip(convening, decoupling).map { $0 > 0 || $1 > 0 }

        var weights = SidePair(repeating: [Double](repeating: 1, count: T * n))
        var byWeek = [[EventKind]](repeating: [], count: T)
        for event in model.events where event.enabled && event.week >= 0 && event.week < T {
            if case .offensive(let side, let r, let weeks, let boost) = event.kind {
                for t in event.week..<min(T, event.week + weeks) {
                    weights[side][t * n + r] *= 1 + boost
                }
            } else {
                byWeek[event.week].append(event.kind)
            }
        }
        allocationWeight = weights
        eventStart = [0] + byWeek.map(\.count).reduce(into: [Int]()) { acc, c in acc.append((acc.last ?? 0) + c) }
        eventKinds = byWeek.flatMap { $0 }
    }
}
