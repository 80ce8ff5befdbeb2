// swift-tools-version: 6.1
import PackageDescription

// Benchmarks of the Stalemate engine (ordo-one/benchmark). Not part of `swift test`:
// run with `swift package --package-path Benchmarks benchmark`.
let package = Package(
    name: "StalemateBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Stalemate", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EnsembleBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StalemateCore", package: "Stalemate"),
                .product(name: "StalemateScenario", package: "Stalemate"),
                .product(name: "StalemateAnalysis", package: "Stalemate"),
            ],
            path: "Benchmarks/EnsembleBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
