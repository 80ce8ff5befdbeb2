import Foundation
import StalemateFuzzTargets

/// The libFuzzer entry point (Fuzz/run.sh; docs/reliability.md): `STALEMATE_FUZZ_TARGET`
/// picks the parser, Sources/StalemateFuzzTargets feeds it.
let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["STALEMATE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(
            Data(
                "set STALEMATE_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")) (Fuzz/run.sh does)\n"
                    .utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    target.feed(Data(bytes: bytes, count: count))
    return 0
}
