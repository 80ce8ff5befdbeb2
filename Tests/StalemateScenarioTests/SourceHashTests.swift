import Testing

@testable import StalemateScenario

/// The scenario fingerprint (swift-crypto's SHA-256) against the FIPS 180-4 examples and
/// hashlib-computed vectors at the padding edges.
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ("Russia–Ukraine ✓", "6fea4b631d88220cd6a08bdfa6ea047b81725b62a365e27fa4efb9c9a3cd6e5c"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SourceHash.hex(input) == expected)
    }

    @Test func digestIs32Bytes() {
        #expect(SourceHash.digest(Array("abc".utf8)).count == 32)
    }

    @Test func scenarioCarriesHashOfItsText() throws {
        let text = "scenario: x\nsides: { A: {}, B: {} }\nregions: [ { id: r, home: A, value: 1, control: 0.5 } ]\n"
        let scenario = try ScenarioLoader.load(text: text)
        #expect(scenario.sourceHash == SourceHash.hex(text))
        #expect(scenario.sourceText == text)
    }
}
