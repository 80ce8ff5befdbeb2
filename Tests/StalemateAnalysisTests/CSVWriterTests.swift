import StalemateAnalysis
import Testing

/// The one CSV writer: RFC 4180 quoting and numbers without floating-point noise.
struct CSVWriterTests {
    @Test(arguments: [
        (0.9579999999999997, "0.958"), (2.710505431213761e-20, "0"), (-0.0, "0"), (-1e-14, "0"), (1.0, "1"),
        (0.25, "0.25"), (-3.5, "-3.5"), (1e-05, "1e-05"), (123456789.0, "123456789"), (Double.nan, ""),
        (Double.infinity, "inf"),
    ])
    func numbersAreClean(value: Double, text: String) {
        #expect(CSVWriter.number(value) == text)
    }

    @Test func fieldsAreQuotedWhenNeeded() {
        var csv = CSVWriter(columns: ["a", "b,c"])
        csv.row(["plain", "say \"hi\""])
        csv.row(["two\nlines", ""])
        #expect(csv.text == "a,\"b,c\"\nplain,\"say \"\"hi\"\"\"\n\"two\nlines\",\n")
        #expect(CSVWriter.number(nil) == "")
    }
}
