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

/// JSON: fractional numbers cleaned outside strings, integers and strings untouched.
@Test func jsonNumbersAreCleanOutsideStrings() throws {
    struct Doc: Encodable {
        var noisy = 0.9579999999999997
        var residue = 2.710505431213761e-20
        var negativeZero = -0.0
        var seed: UInt64 = 18_446_744_073_709_551_615
        var label = "0.9579999999999997 and -0"
    }
    let text = try StableJSON.text(Doc(), pretty: false)
    #expect(
        text
            == #"{"label":"0.9579999999999997 and -0","negativeZero":0,"noisy":0.958,"residue":0,"seed":18446744073709551615}"#
    )
}
