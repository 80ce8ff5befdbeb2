import Foundation

/// A Morris (1991) one-at-a-time screening design: `r` random trajectories on a `p`-level
/// grid of the unit hypercube, each of `k + 1` points that differ from the previous point in
/// exactly one input, by the step `Δ = p / (2(p − 1))`.
///
/// Construction (Morris 1991; Campolongo, Cariboni & Saltelli 2007): the grid is
/// `{0, 1/(p−1), …, 1}` in each unit coordinate. A trajectory draws a base point `x*` with
/// each coordinate uniform on the `p/2` levels `≤ 1 − Δ`, a direction `d_i = ±1` per input
/// and a random order of the inputs. It starts at `x*_i` where `d_i = +1` and at `x*_i + Δ`
/// where `d_i = −1`, then moves the inputs one at a time in that order by `d_i Δ`. Every
/// coordinate therefore stays on the grid and is marginally uniform on its `p` levels.
///
/// Cost: `r (k + 1)` model evaluations (`count`). `points` is in input units, ordered
/// trajectory by trajectory; evaluate them in any way and pass the outputs in the same order
/// to `MorrisAnalysis.analyze(design:outputs:)`.
public struct MorrisDesign: Sendable, Equatable {
    /// One step of a trajectory: which input moved, and in which direction.
    public struct Move: Sendable, Hashable {
        /// Index of the input in `inputs`.
        public let input: Int
        /// `+1` when the unit coordinate rose by `Δ`, `−1` when it fell by `Δ`.
        public let direction: Int
    }

    /// The inputs, in the order of each point's coordinates.
    public let inputs: [SensitivityInput]
    /// The number of trajectories `r`.
    public let trajectories: Int
    /// The number of grid levels `p` per input.
    public let levels: Int
    /// The seed the design was drawn with.
    public let seed: UInt64
    /// The step `Δ = p / (2(p − 1))`, in unit-hypercube coordinates.
    public let delta: Double
    /// The `r (k + 1)` points in unit-hypercube coordinates; point `t (k + 1) + j` is point
    /// `j` of trajectory `t`.
    public let unitPoints: [[Double]]
    /// The same points in input units (`SensitivityInput.value(atUnit:)`): what to evaluate.
    public let points: [[Double]]
    /// `moves[t][j]` is the move from point `j` to point `j + 1` of trajectory `t`.
    public let moves: [[Move]]

    /// The number of points, `r (k + 1)`: the cost of the design in model evaluations.
    public var count: Int { points.count }

    /// Draws a design of `trajectories` trajectories on a grid of `levels` levels.
    ///
    /// - Parameters:
    ///   - inputs: the inputs to screen, with distinct names.
    ///   - trajectories: `r ≥ 2`; 10–50 are usual (Campolongo et al. 2007 use 10).
    ///   - levels: the even number of grid levels `p` (default 4, so `Δ = 2/3`).
    ///   - seed: the seed of the design's random stream; the same seed gives the same points.
    /// - Throws: `SensitivityError` for no or duplicate inputs (`noInputs`, `badName`),
    ///   `r < 2` (`tooFewSamples`), or an odd or too small `p` (`badLevels`).
    public init(
        inputs: [SensitivityInput], trajectories: Int, levels: Int = 4, seed: UInt64
    ) throws(SensitivityError) {
        try SensitivityInput.validate(inputs)
        guard trajectories >= 2 else { throw SensitivityError(.tooFewTrajectories(trajectories)) }
        guard levels >= 2, levels % 2 == 0 else { throw SensitivityError(.badLevels(levels)) }
        let k = inputs.count
        let last = Double(levels - 1)  // grid index of the level 1; index / last is exact at both ends
        let stepLevels = levels / 2  // Δ is p/2 grid spacings
        var random = SensitivityRandom(seed: seed, stream: 1)
        var unitPoints = [[Double]]()
        unitPoints.reserveCapacity(trajectories * (k + 1))
        var moves = [[Move]]()
        moves.reserveCapacity(trajectories)
        for _ in 0..<trajectories {
            // Grid indices keep every coordinate exactly on the grid.
            var current = [Int](repeating: 0, count: k)
            var directions = [Int](repeating: 1, count: k)
            for i in 0..<k {
                let base = random.nextInt(below: levels - stepLevels)
                directions[i] = random.nextInt(below: 2) == 0 ? 1 : -1
                current[i] = directions[i] == 1 ? base : base + stepLevels
            }
            let order = random.permutation(of: k)
            unitPoints.append(current.map { Double($0) / last })
            var trajectoryMoves = [Move]()
            trajectoryMoves.reserveCapacity(k)
            for i in order {
                current[i] += directions[i] * stepLevels
                unitPoints.append(current.map { Double($0) / last })
                trajectoryMoves.append(Move(input: i, direction: directions[i]))
            }
            moves.append(trajectoryMoves)
        }
        self.inputs = inputs
        self.trajectories = trajectories
        self.levels = levels
        self.seed = seed
        self.delta = Double(levels) / Double(2 * (levels - 1))
        self.unitPoints = unitPoints
        self.points = unitPoints.map { SensitivityInput.map($0, through: inputs) }
        self.moves = moves
    }

    /// The elementary effects, `effects[i][t]` for input `i` in trajectory `t`:
    /// `EE_i = (f(x + Δ e_i) − f(x)) / Δ` with `Δ` in unit coordinates, i.e. the change of the
    /// output per full range of input `i`.
    ///
    /// - Throws: `SensitivityError` unless there is one finite output per point.
    public func elementaryEffects(outputs: [Double]) throws(SensitivityError) -> [[Double]] {
        try SensitivityError.checkOutputs(outputs, count: count)
        let k = inputs.count
        var effects = [[Double]](repeating: [Double](repeating: 0, count: trajectories), count: k)
        for t in 0..<trajectories {
            let start = t * (k + 1)
            for (j, move) in moves[t].enumerated() {
                let change = outputs[start + j + 1] - outputs[start + j]
                effects[move.input][t] = change / (Double(move.direction) * delta)
            }
        }
        return effects
    }
}
