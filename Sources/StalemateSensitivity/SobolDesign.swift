import Foundation

/// The sampling design of Saltelli's scheme for Sobol indices (Saltelli 2002; Saltelli et al.
/// 2010): two independent `N × k` matrices `A` and `B` of points in the unit hypercube, and
/// for each input `i` the matrix `A_B^(i)`, which is `A` with its column `i` taken from `B`.
///
/// `points` holds the `N (k + 2)` rows in input units, block by block:
///
/// | rows                       | block      |
/// | -------------------------- | ---------- |
/// | `0 ..< N`                  | `A`        |
/// | `N ..< 2N`                 | `B`        |
/// | `(2 + i) N ..< (3 + i) N`  | `A_B^(i)`  |
///
/// so row `j` of every block belongs to base sample `j`. Cost: `N (k + 2)` model evaluations
/// (`count`); evaluate the points in any way and pass the outputs in the same order to
/// `SobolAnalysis.analyze(design:outputs:)`.
///
/// `A` and `B` are the first `k` and the last `k` coordinates of the first `N` points of a
/// `2k`-dimensional Sobol' sequence (`SobolSequence`, Joe–Kuo direction numbers) with a
/// random digital shift drawn from the seed (the default, for `k ≤ 32`), or of independent
/// pseudo-random uniforms. The quasi-random design converges faster (error close to `1/N`
/// rather than `1/√N` for smooth outputs); `N` should then be a
/// power of two, which balances every one-dimensional projection exactly.
public struct SobolDesign: Sendable, Equatable {
    /// How the base matrices `A` and `B` are sampled.
    public enum Sampling: String, Sendable, Hashable, CaseIterable {
        /// A digitally shifted Sobol' sequence in `2k` dimensions (`k ≤ 32`).
        case sobolSequence
        /// Independent uniforms from `SensitivityRandom` (any `k`).
        case pseudoRandom
    }

    /// The most inputs the Sobol' sequence can serve (it has `2 × 32` dimensions).
    public static let maxSequenceInputs = SobolSequence.maxDimensions / 2

    /// The inputs, in the order of each point's coordinates.
    public let inputs: [SensitivityInput]
    /// The number of base samples `N` (rows of `A` and of `B`).
    public let baseSamples: Int
    /// The seed the design was drawn with.
    public let seed: UInt64
    /// How `A` and `B` were sampled.
    public let sampling: Sampling
    /// The `N (k + 2)` points in unit-hypercube coordinates, laid out as described above.
    public let unitPoints: [[Double]]
    /// The same points in input units (`SensitivityInput.value(atUnit:)`): what to evaluate.
    public let points: [[Double]]

    /// The number of points, `N (k + 2)`: the cost of the design in model evaluations.
    public var count: Int { points.count }

    /// Draws a design of `baseSamples` base rows.
    ///
    /// - Parameters:
    ///   - inputs: the inputs to analyse, with distinct names.
    ///   - baseSamples: `N ≥ 2`; a power of two such as 512 or 1024 with the Sobol' sequence.
    ///   - seed: the seed of the digital shift (or of the uniforms); the same seed gives the
    ///     same points.
    ///   - sampling: `.sobolSequence` (default) or `.pseudoRandom`.
    /// - Throws: `SensitivityError` for no or duplicate inputs (`noInputs`, `badName`),
    ///   `N < 2` (`tooFewSamples`), or more than 32 inputs with the Sobol' sequence
    ///   (`tooManyInputs`).
    public init(
        inputs: [SensitivityInput], baseSamples: Int, seed: UInt64, sampling: Sampling = .sobolSequence
    ) throws(SensitivityError) {
        try SensitivityInput.validate(inputs)
        guard baseSamples >= 2 else { throw SensitivityError(.tooFewBaseSamples(baseSamples)) }
        let k = inputs.count
        if sampling == .sobolSequence, k > Self.maxSequenceInputs {
            throw SensitivityError(.tooManyInputs(count: k, maximum: Self.maxSequenceInputs))
        }
        let base = Self.baseRows(count: baseSamples, dimensions: 2 * k, seed: seed, sampling: sampling)
        var unit = [[Double]]()
        unit.reserveCapacity(baseSamples * (k + 2))
        for row in base { unit.append(Array(row[0..<k])) }
        for row in base { unit.append(Array(row[k..<(2 * k)])) }
        for i in 0..<k {
            for row in base {
                var mixed = Array(row[0..<k])
                mixed[i] = row[k + i]
                unit.append(mixed)
            }
        }
        self.inputs = inputs
        self.baseSamples = baseSamples
        self.seed = seed
        self.sampling = sampling
        self.unitPoints = unit
        self.points = unit.map { SensitivityInput.map($0, through: inputs) }
    }

    /// `count` rows of `dimensions` unit coordinates: `[A | B]` side by side.
    private static func baseRows(count: Int, dimensions: Int, seed: UInt64, sampling: Sampling) -> [[Double]] {
        var random = SensitivityRandom(seed: seed, stream: 1)
        switch sampling {
        case .sobolSequence:
            let sequence = SobolSequence(dimensions: dimensions)
            let shift = (0..<dimensions).map { _ in UInt32(truncatingIfNeeded: random.next() >> 32) }
            return (0..<count).map { sequence.point($0, shift: shift) }
        case .pseudoRandom:
            return (0..<count).map { _ in (0..<dimensions).map { _ in random.nextUniform() } }
        }
    }

    /// The rows of block `block` (0 = `A`, 1 = `B`, `2 + i` = `A_B^(i)`) within `points`.
    public func rows(ofBlock block: Int) -> Range<Int> {
        precondition(block >= 0 && block < inputs.count + 2, "block \(block) is not in 0..<k+2")
        return (block * baseSamples)..<((block + 1) * baseSamples)
    }
}
