// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Stalemate",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "StalemateCore", targets: ["StalemateCore"]),
        .library(name: "StalemateTheory", targets: ["StalemateTheory"]),
        .library(name: "StalemateScenario", targets: ["StalemateScenario"]),
        .library(name: "StalemateStatistics", targets: ["StalemateStatistics"]),
        .library(name: "StalemateSensitivity", targets: ["StalemateSensitivity"]),
        .library(name: "StalemateAnalysis", targets: ["StalemateAnalysis"]),
        .library(name: "StalemateCalibration", targets: ["StalemateCalibration"]),
        .library(name: "StalemateBacktest", targets: ["StalemateBacktest"]),
        .library(name: "StalemateStore", targets: ["StalemateStore"]),
        .library(name: "StalemateReport", targets: ["StalemateReport"]),
        .library(name: "StalemateJobs", targets: ["StalemateJobs"]),
        .library(name: "StalemateServer", targets: ["StalemateServer"]),
        .library(name: "StalemateFuzzTargets", targets: ["StalemateFuzzTargets"]),
        .executable(name: "stalemate", targets: ["stalemate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "StalemateTheory", exclude: ["README.md"]),
        .target(name: "StalemateCore", dependencies: ["StalemateTheory"], exclude: ["README.md"]),
        .target(
            name: "StalemateScenario",
            dependencies: [
                "StalemateCore", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Bundled")]
        ),
        .target(name: "StalemateReport", exclude: ["README.md"]),
        .target(name: "StalemateStatistics", exclude: ["README.md"]),
        .target(name: "StalemateSensitivity", dependencies: ["StalemateStatistics"], exclude: ["README.md"]),
        .target(
            name: "StalemateAnalysis",
            dependencies: [
                "StalemateCore", "StalemateTheory", "StalemateScenario", "StalemateReport", "StalemateStatistics",
                "StalemateSensitivity",
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "StalemateBacktest",
            dependencies: [
                "StalemateCore", "StalemateScenario", "StalemateAnalysis", "StalemateStatistics", "StalemateReport",
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "StalemateCalibration",
            dependencies: ["StalemateCore", "StalemateTheory", "StalemateScenario", "StalemateAnalysis"],
            exclude: ["README.md"]
        ),
        .target(
            name: "StalemateStore",
            dependencies: [
                "StalemateCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "StalemateJobs",
            dependencies: [
                "StalemateCore", "StalemateScenario", "StalemateAnalysis", "StalemateCalibration", "StalemateBacktest",
                "StalemateStore", "StalemateReport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "StalemateServer",
            dependencies: [
                "StalemateCore", "StalemateScenario", "StalemateAnalysis", "StalemateStore", "StalemateJobs",
                "StalemateReport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "stalemate",
            dependencies: [
                "StalemateCore", "StalemateTheory", "StalemateScenario", "StalemateAnalysis", "StalemateCalibration",
                "StalemateBacktest", "StalemateStore", "StalemateJobs", "StalemateServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "StalemateTestSupport"),
        .testTarget(name: "StalemateTheoryTests", dependencies: ["StalemateTheory", "StalemateTestSupport"]),
        .testTarget(
            name: "StalemateCoreTests",
            dependencies: [
                "StalemateCore", "StalemateTheory", "StalemateScenario", "StalemateAnalysis", "StalemateStatistics",
                "StalemateTestSupport",
            ]
        ),
        .testTarget(name: "StalemateScenarioTests", dependencies: ["StalemateScenario", "StalemateTestSupport"]),
        .testTarget(
            name: "StalemateAnalysisTests",
            dependencies: [
                "StalemateAnalysis", "StalemateStatistics", "StalemateSensitivity", "StalemateCalibration",
                "StalemateBacktest", "StalemateScenario", "StalemateTestSupport",
            ]
        ),
        .testTarget(name: "StalemateReportTests", dependencies: ["StalemateReport"]),
        .testTarget(
            name: "StalemateStoreTests",
            dependencies: [
                "StalemateStore", "StalemateCore", "StalemateTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "StalemateJobsTests",
            dependencies: [
                "StalemateJobs", "StalemateStore", "StalemateAnalysis", "StalemateScenario", "StalemateReport",
                "StalemateTestSupport",
            ]
        ),
        .testTarget(
            name: "StalemateServerTests",
            dependencies: [
                "StalemateServer", "StalemateJobs", "StalemateStore", "StalemateScenario",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .target(
            name: "StalemateFuzzTargets",
            dependencies: [
                "StalemateScenario", "StalemateAnalysis", "StalemateBacktest", "StalemateCalibration", "StalemateJobs",
                "StalemateServer",
            ]
        ),
        .testTarget(
            name: "StalemateFuzzTargetsTests", dependencies: ["StalemateFuzzTargets"], exclude: ["Regressions"]
        ),
        .testTarget(
            name: "StalemateCLITests",
            dependencies: ["stalemate", "StalemateAnalysis", "StalemateScenario", "StalemateTestSupport"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer harnesses (Fuzz/run.sh sets STALEMATE_FUZZ=1 and builds them with
// -sanitize=fuzzer; docs/reliability.md). Other builds leave them out: libFuzzer brings its
// own `main`.
if Context.environment["STALEMATE_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "stalemate-fuzz",
            dependencies: ["StalemateFuzzTargets"],
            path: "Fuzz/Sources/stalemate-fuzz"))
}
