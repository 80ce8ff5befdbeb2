/// The outcome of `LanchesterFit.fit(law:data:throughDay:strengthWeight:initial:)`.
///
/// Coefficients are per day in the units of the law (square law: men of the
/// opponent lost per man per day). Standard errors are the Gauss–Newton
/// asymptotic ones, `√diag(s²·(JᵀJ)⁻¹)`, `s² = RSS/(N − 2)`; they assume
/// independent residuals, which cumulative losses are not, so read them as a
/// lower bound on the uncertainty.
public struct LanchesterFitResult: Sendable {
    /// The attrition law fitted.
    public var law: LanchesterFit.Law
    /// `A`: the attacker's effectiveness (defender's daily loss per attacker).
    public var a: Double
    /// `D`: the defender's effectiveness (attacker's daily loss per defender).
    public var d: Double
    /// Standard error of `a`.
    public var standardErrorA: Double
    /// Standard error of `d`.
    public var standardErrorD: Double
    /// Correlation of the two estimates (from the covariance matrix).
    public var correlation: Double
    /// The minimised objective `S(A, D)`, men².
    public var residualSumOfSquares: Double
    /// `1 − SS_res/SS_tot` of the cumulative-loss residuals alone (days `0…T`).
    public var rSquaredCumulativeLosses: Double
    /// Number of residuals `N` (cumulative-loss days plus strength observations).
    public var residualCount: Int
    /// The last day `T` included in the fit.
    public var throughDay: Int
    /// The weight `w` of the strength residuals.
    public var strengthWeight: Double
    /// Accepted Levenberg–Marquardt steps.
    public var iterations: Int
    /// Whether the solver's convergence test passed.
    public var converged: Bool
    /// The fitted model over all days of the data.
    public var trajectory: LanchesterFit.DailyTrajectory

    /// Creates a result (normally only the fitter does).
    public init(
        law: LanchesterFit.Law, a: Double, d: Double, standardErrorA: Double, standardErrorD: Double,
        correlation: Double, residualSumOfSquares: Double, rSquaredCumulativeLosses: Double,
        residualCount: Int, throughDay: Int, strengthWeight: Double, iterations: Int, converged: Bool,
        trajectory: LanchesterFit.DailyTrajectory
    ) {
        self.law = law
        self.a = a
        self.d = d
        self.standardErrorA = standardErrorA
        self.standardErrorD = standardErrorD
        self.correlation = correlation
        self.residualSumOfSquares = residualSumOfSquares
        self.rSquaredCumulativeLosses = rSquaredCumulativeLosses
        self.residualCount = residualCount
        self.throughDay = throughDay
        self.strengthWeight = strengthWeight
        self.iterations = iterations
        self.converged = converged
        self.trajectory = trajectory
    }

    /// The root-mean-square residual `√(RSS/N)`, men.
    public var rootMeanSquareResidual: Double {
        (residualSumOfSquares / Double(residualCount)).squareRoot()
    }
}
