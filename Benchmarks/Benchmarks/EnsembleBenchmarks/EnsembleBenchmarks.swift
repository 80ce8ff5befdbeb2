import Benchmark
import StalemateAnalysis
import StalemateCore
import StalemateScenario

// Each scaled iteration of the 1-thread benchmark is one whole run (156 weeks of kursk-2024):
// its throughput is runs per second; × 156 gives run-weeks per second.
let benchmarks: @Sendable () -> Void = {
    guard let scenario = try? ScenarioLoader.bundled(name: "kursk-2024") else {
        fatalError("the bundled scenario kursk-2024 does not load")
    }
    let model = CompiledModel(scenario.model)
    let weeks = model.horizon

    // One thread, whole runs: the engine's own speed, without the pool.
    Benchmark(
        "kursk-2024 runs, 1 thread",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
            scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        var simulator = Simulator(model, seed: 1)
        var acc = EnsembleAccumulator(horizon: weeks, ladderMax: Int(model.model.parameters[.ladderMax]))
        for i in benchmark.scaledIterations {
            blackHole(simulator.run(i, observer: &acc))
        }
    }

    // The ensemble as `stalemate run` executes it: 100,000 runs on 2 threads.
    Benchmark(
        "kursk-2024 ensemble 100k runs, 2 threads",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(60),
            maxIterations: 3)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Ensemble(model: model, seed: 1, runs: 100_000, threads: 2).run())
        }
    }

    // Memory must not grow with the number of runs: 10^6 runs.
    Benchmark(
        "kursk-2024 ensemble 1M runs, 2 threads",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(120),
            maxIterations: 1)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Ensemble(model: model, seed: 1, runs: 1_000_000, threads: 2).run())
        }
    }
}
