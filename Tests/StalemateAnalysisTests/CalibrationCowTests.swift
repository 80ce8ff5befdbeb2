import Foundation
import StalemateAnalysis
import StalemateCalibration
import Testing

/// The Correlates of War Inter-State War Data v4.0 (Sarkees & Wayman 2010), `data/cow-interstate-wars-v4.0.csv`.
@Suite struct CalibrationCowTests {
    static func wars() throws -> CowWars {
        try CowWars.load(
            path: CalibrationLanchesterTests.dataFolder.appendingPathComponent("cow-interstate-wars-v4.0.csv").path)
    }

    @Test func countsWarsAndClasses() throws {
        let wars = try Self.wars()
        #expect(wars.wars.count == 95)  // the data set's README: 95 wars, 1823–2003
        #expect(wars.wars.reduce(0) { $0 + $1.participants } == 337)
        let counts = wars.classCounts
        #expect(counts[.decisive] == 77 && counts[.compromise] == 2 && counts[.stalemate] == 8)
        #expect(counts[nil] == 8)  // outcome 4, transformed into another kind of war
        #expect(wars.usable.count == 87)
        #expect(wars.wars.allSatisfy { $0.durationDays != nil })
    }

    @Test func knownWarsHaveTheirDates() throws {
        let wars = try Self.wars()
        let franco = try #require(wars.war(number: 1))
        #expect(franco.name == "Franco-Spanish War" && franco.start == "1823-04-07" && franco.end == "1823-11-13")
        #expect(franco.durationDays == 220 && franco.durationWeeks == 32 && franco.outcomeClass == .decisive)
        let russoTurkish = try #require(wars.war(number: 4))
        #expect(russoTurkish.start == "1828-04-26" && russoTurkish.end == "1829-09-14")
        #expect(russoTurkish.durationDays == 506)
    }

    @Test func malformedFileSaysWhatAndWhere() {
        let csv = CowWars.requiredColumns.joined(separator: ",") + "\n1,War,x,1,1,1,1,1,-8,-8,-8,-8,-8,-8,1\n"
        do {
            _ = try CowWars.parse(csv: csv)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2 && error.description.contains("StartYear1"))
        }
        #expect(throws: CowDataError.self) { try CowWars.parse(csv: "WarNum,WarName\n1,x\n") }
    }
}
