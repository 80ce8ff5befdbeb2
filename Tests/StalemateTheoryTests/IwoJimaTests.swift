import Foundation
import StalemateTestSupport
import Testing

@testable import StalemateTheory

/// The Iwo Jima battle (19 Feb – 26 Mar 1945): Helmbold's spreadsheet
/// (`data/helmbold-iwojima-1945.csv`; Helmbold 1993, CAA PAR Datadisk, DTIC
/// ADM000368; data of Engel 1954, JORSA 2(2)), docs/model.md §3 and
/// docs/theory.md, reference check 2.
struct IwoJimaTests {
    /// Helmbold's published square-law coefficients (header of the file).
    static let helmboldA = 0.01518, helmboldD = 0.06179

    static func csvText() throws -> String {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/helmbold-iwojima-1945.csv")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func data() throws -> DailyBattleData {
        try DailyBattleData.parseHelmboldIwoJima(csv: csvText())
    }

    /// The spreadsheet's own "Calc'd US End" / "Calc'd Jap End" columns, read
    /// independently of the parser: rows whose first field is the row number 1…36.
    static func calculatedColumns() throws -> [(us: Double, jap: Double)] {
        try csvText().split(separator: "\n").compactMap { line -> (Double, Double)? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 10, let row = Int(fields[0]), (1...36).contains(row) else { return nil }
            return try (#require(Double(fields[9])), #require(Double(fields[10])))
        }
    }

    @Test("Parser reads 36 days, 21 449 Japanese on D-Day, 2 469 on D+25, totals 71 245 / 23 573")
    func parse() throws {
        let data = try Self.data()
        #expect(data.days == 36)
        #expect(data.strengthA0 == 0 && data.strengthB0 == 21449)
        #expect(data.strengthBObserved.map(\.day) == [0, 25])
        #expect(data.strengthBObserved.map(\.strength) == [21449, 2469])
        #expect(data.reinforcementsA.reduce(0, +) == 71245)
        #expect(abs(data.lossesA.reduce(0, +) - 23573) < 1e-6)
        #expect(data.reinforcementsA[0] == 30000 && data.reinforcementsA[11] == 0 && data.lossesA[0] == 2420)
        #expect(data.publishedCoefficients?.a == Self.helmboldA && data.publishedCoefficients?.d == Self.helmboldD)
    }

    @Test("The daily recursion with A = 0.01518, D = 0.06179 reproduces the spreadsheet's calculated columns")
    func recursionReproducesSpreadsheet() throws {
        let columns = try Self.calculatedColumns()
        #expect(columns.count == 36)
        let model = LanchesterFit.simulateDaily(data: try Self.data(), a: Self.helmboldA, d: Self.helmboldD)
        for (day, expected) in columns.enumerated() {
            #expect(abs(model.strengthA[day] - expected.us) < 1e-6, "US end of day \(day)")
            #expect(abs(model.strengthB[day] - expected.jap) < 1e-6, "Japanese end of day \(day)")
        }
    }

    @Test("Helmbold's pair matches both D+25 endpoints: cumulative US losses and Japanese strength")
    func helmboldMatchesEndpoints() throws {
        let data = try Self.data()
        let model = LanchesterFit.simulateDaily(data: data, a: Self.helmboldA, d: Self.helmboldD)
        #expect(relativeDifference(model.cumulativeLossesA[25], data.cumulativeLossesA[25]) < 1e-3)
        #expect(relativeDifference(model.strengthB[25], 2469) < 3e-3)
    }

    @Test("Least-squares fit through D+25 lands within 10% of Helmbold's A and D")
    func fitWithinTenPercent() throws {
        let fit = LanchesterFit.fitSquareLaw(data: try Self.data())
        #expect(fit.converged && fit.throughDay == 25 && fit.residualCount == 27)
        #expect(abs(fit.a / Self.helmboldA - 1) < 0.10, "A = \(fit.a) ± \(fit.standardErrorA)")
        #expect(abs(fit.d / Self.helmboldD - 1) < 0.10, "D = \(fit.d) ± \(fit.standardErrorD)")
        #expect(fit.standardErrorA > 0 && fit.standardErrorA < 0.1 * fit.a)
        #expect(fit.standardErrorD > 0 && fit.standardErrorD < 0.1 * fit.d)
        #expect(fit.rSquaredCumulativeLosses > 0.99)
    }

    /// The objective, recomputed here from the trajectory alone.
    static func objective(_ data: DailyBattleData, a: Double, d: Double, through t: Int = 25) -> Double {
        let model = LanchesterFit.simulateDaily(data: data, a: a, d: d)
        let observed = data.cumulativeLossesA
        let losses = (0...t).reduce(0) { $0 + pow(model.cumulativeLossesA[$1] - observed[$1], 2) }
        return losses + pow(model.strengthB[25] - 2469, 2)
    }

    @Test("The fit is a minimum of the stated objective and beats Helmbold's pair on it")
    func fitIsMinimum() throws {
        let data = try Self.data()
        let fit = LanchesterFit.fitSquareLaw(data: data)
        let best = Self.objective(data, a: fit.a, d: fit.d)
        #expect(isApproximatelyEqual(best, fit.residualSumOfSquares, relativeTolerance: 1e-9))
        for (da, dd) in [(1e-4, 0.0), (-1e-4, 0.0), (0.0, 1e-4), (0.0, -1e-4), (1e-4, 1e-4), (-1e-4, 1e-4)] {
            #expect(Self.objective(data, a: fit.a * (1 + da), d: fit.d * (1 + dd)) > best)
        }
        #expect(Self.objective(data, a: Self.helmboldA, d: Self.helmboldD) > best)
    }

    @Test(
        "Fitting synthetic data generated by the recursion recovers the coefficients",
        arguments: LanchesterFit.Law.allCases)
    func recoversSyntheticCoefficients(law: LanchesterFit.Law) throws {
        let real = try Self.data()
        let (a, d): (Double, Double) =
            switch law {
            case .square, .logarithmic: (0.015, 0.06)
            case .linear: (1.5e-6, 3e-6)
            case .mixed: (1.5e-6, 0.06)
            }
        let model = LanchesterFit.simulateDaily(data: real, a: a, d: d, law: law)
        let synthetic = DailyBattleData(
            days: real.days, reinforcementsA: real.reinforcementsA, lossesA: model.lossesA,
            strengthB0: real.strengthB0,
            strengthBObserved: [(day: 0, strength: real.strengthB0), (day: 20, strength: model.strengthB[20])])
        let fit = LanchesterFit.fit(law: law, data: synthetic, throughDay: 20)
        #expect(fit.converged)
        #expect(isApproximatelyEqual(fit.a, a, relativeTolerance: 1e-6), "\(law): A \(fit.a) vs \(a)")
        #expect(isApproximatelyEqual(fit.d, d, relativeTolerance: 1e-6), "\(law): D \(fit.d) vs \(d)")
        #expect(fit.residualSumOfSquares < 1e-6)
    }

    // MARK: - Malformed input

    static func mutated(_ transform: (inout [String]) -> Void) throws -> String {
        var lines = try csvText().components(separatedBy: "\n")
        transform(&lines)
        return lines.joined(separator: "\n")
    }

    @Test("Malformed CSV raises an error naming the line")
    func parserErrors() throws {
        // Line 20 is D+2 (landings 6735).
        let badNumber = try Self.mutated { $0[19] = $0[19].replacingOccurrences(of: "6735", with: "6x35") }
        let numberError = #expect(throws: BattleDataError.self) {
            try DailyBattleData.parseHelmboldIwoJima(csv: badNumber)
        }
        #expect(numberError?.line == 20)
        #expect(numberError?.description.contains("line 20") == true)
        #expect(numberError?.description.contains("6x35") == true)

        let missingDay = try Self.mutated { $0.remove(at: 22) }
        let dayError = #expect(throws: BattleDataError.self) {
            try DailyBattleData.parseHelmboldIwoJima(csv: missingDay)
        }
        #expect(dayError?.line == 23 && dayError?.description.contains("expected day 5") == true)

        let noHeader = try Self.mutated { $0.removeAll { $0.hasPrefix("Number,") } }
        let headerError = #expect(throws: BattleDataError.self) {
            try DailyBattleData.parseHelmboldIwoJima(csv: noHeader)
        }
        #expect(headerError?.description.contains("header") == true)

        let badTotals = try Self.mutated { lines in
            if let index = lines.firstIndex(where: { $0.contains("Totals") }) {
                lines[index] = lines[index].replacingOccurrences(of: "71245", with: "71000")
            }
        }
        let totalsError = #expect(throws: BattleDataError.self) {
            try DailyBattleData.parseHelmboldIwoJima(csv: badTotals)
        }
        #expect(totalsError?.line == 56 && totalsError?.description.contains("Totals") == true)

        #expect(throws: BattleDataError.self) { try DailyBattleData.parseHelmboldIwoJima(csv: "") }
    }
}

/// Inputs that crashed the reader (found by coverage-guided fuzzing) and their siblings: each
/// is an error that names the line and the column, never a trap.
struct HelmboldBadValueTests {
    @Test(arguments: [
        // The fuzzer's reproducer: a negative strength ashore.
        ("Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,,1,,,-1\n", "Ashore", 2),
        ("Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,-5,1,,,10\n", "Landings", 2),
        ("Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,5,-1,,,10\n", "Loss/Dy", 2),
        ("Number,,,,Landings,Loss/Dy,,,Ashore,-3\n1,,,0,5,1,,,10\n", "initial strength", 1),
        ("Number,,,,Landings,Loss/Dy,,,Ashore,nan\n1,,,0,5,1,,,10\n", "initial strength", 1),
        ("Number,,,,Landings,Loss/Dy,,,Ashore\n1,,,0,5,1,,,inf\n", "Ashore", 2),
    ])
    func badValuesAreErrors(csv: String, column: String, line: Int) {
        let error = #expect(throws: BattleDataError.self) { try DailyBattleData.parseHelmboldIwoJima(csv: csv) }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.description.contains(column) == true, "\(String(describing: error))")
    }
}
