import Testing

@testable import StalemateScenario

struct ScenarioDateTests {
    @Test func parsesISODates() throws {
        let date = try #require(ScenarioDate(iso: "2024-08-05"))
        #expect(date.year == 2024 && date.month == 8 && date.day == 5)
        #expect(date.description == "2024-08-05")
        #expect(ScenarioDate(iso: "2024-02-29") != nil)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-8-5", "05/08/2024", "2024-08-05T00:00", "", "abcd-ef-gh",
    ])
    func rejectsInvalidDates(text: String) {
        #expect(ScenarioDate(iso: text) == nil)
    }

    @Test func weeksAreFlooredDaysOverSeven() throws {
        let start = try #require(ScenarioDate(iso: "2024-08-05"))
        let cases: [(String, Int)] = [
            ("2024-08-05", 0), ("2024-08-11", 0), ("2024-08-12", 1), ("2024-11-19", 15), ("2025-01-20", 24),
            ("2027-08-02", 156), ("2024-08-04", -1), ("2024-07-29", -1), ("2024-07-28", -2),
        ]
        for (text, week) in cases {
            let date = try #require(ScenarioDate(iso: text))
            #expect(start.week(of: date) == week, "\(text)")
        }
        #expect(start.startOfWeek(24).description == "2025-01-20")
    }

    @Test func daysSinceEpochMatchesKnownDates() throws {
        #expect(try #require(ScenarioDate(iso: "1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(ScenarioDate(iso: "2000-03-01")).daysSinceEpoch == 11_017)
        #expect(try #require(ScenarioDate(iso: "1969-12-31")).daysSinceEpoch == -1)
        let date = try #require(ScenarioDate(iso: "2024-02-28"))
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
    }
}

struct EditDistanceTests {
    @Test func countsEditsAndSwaps() {
        #expect(EditDistance.distance("kursk", "kurks") == 1)
        #expect(EditDistance.distance("contingncy", "contingency") == 1)
        #expect(EditDistance.distance("", "abc") == 3)
        #expect(EditDistance.distance("Square", "square") == 0)
    }

    @Test func suggestsOnlyPlausibleTypos() {
        #expect(
            EditDistance.closest(to: "contingncy", among: ["concession", "contingency", "collapse"]) == "contingency")
        #expect(EditDistance.closest(to: "zzzzzz", among: ["forces", "collapse"]) == nil)
    }
}

struct OverrideParsingTests {
    @Test func splitsAtTheFirstEquals() throws {
        let o = try Override(parsing: "thirdParties.mediators.decoupling = 0.8@0:156")
        #expect(o.key == "thirdParties.mediators.decoupling")
        #expect(o.value == "0.8@0:156")
        #expect(o.description == "thirdParties.mediators.decoupling=0.8@0:156")
        #expect(try Override(parsing: "a=b=c").value == "b=c")
    }

    @Test func rejectsTextWithoutKeyOrEquals() {
        #expect(throws: ScenarioError.self) { try Override(parsing: "contingency") }
        #expect(throws: ScenarioError.self) { try Override(parsing: "=2") }
        do {
            _ = try Override(parsing: "contingency")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.description.contains("key=value"))
        }
    }
}
