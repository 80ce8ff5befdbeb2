import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateJobs

/// `stalemate plan <command> <its arguments> --tasks N -o job.json` (docs/cluster.md).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Cut a run, compare, sweep or sensitivity job into tasks for a cluster: writes the job and its task list.",
        discussion: """
            Give the command and its usual arguments, then --tasks N and -o FILE, e.g. \
            `stalemate plan sweep kursk-2024 --param sides.B.contingency=0:3 --points 6 --runs 300 --seed 4 \
            --tasks 3 -o job.json`. Run each task with `stalemate task`, on any machine, and merge with \
            `stalemate collect`: the result is the job's, byte for byte.
            """)

    @Argument(
        parsing: .captureForPassthrough,
        help:
            "The command (run, compare, sweep or sensitivity) and its arguments, with --tasks N and -o FILE (the plan)."
    )
    var command: [String] = []

    /// `--tasks N` and `-o FILE` taken out of the passthrough arguments, and the rest.
    func split() throws -> (tasks: Int, output: String, rest: [String]) {
        var tasks: Int?
        var output: String?
        var rest: [String] = []
        var i = 0
        while i < command.count {
            let a = command[i]
            func value() throws -> String {
                guard i + 1 < command.count else { throw ValidationError("\(a) needs a value") }
                i += 1
                return command[i]
            }
            if a == "--tasks" || a.hasPrefix("--tasks=") {
                let text = a.hasPrefix("--tasks=") ? String(a.dropFirst(8)) : try value()
                guard let n = Int(text) else { throw ValidationError("--tasks must be a whole number (got \(text))") }
                tasks = n
            } else if a == "-o" || a == "--output" || a.hasPrefix("--output=") {
                output = a.hasPrefix("--output=") ? String(a.dropFirst(9)) : try value()
            } else {
                rest.append(a)
            }
            i += 1
        }
        guard let tasks else { throw ValidationError("give --tasks N, the number of tasks to cut the job into") }
        guard tasks >= 1 else { throw ValidationError("--tasks must be at least 1 (got \(tasks))") }
        guard let output else { throw ValidationError("give -o FILE, where to write the plan") }
        return (tasks, output, rest)
    }

    func validate() throws {
        guard let first = command.first else {
            throw ValidationError(
                "give the command to plan and its arguments, e.g. `stalemate plan run kursk-2024 --runs 100000 --tasks 8 -o job.json`"
            )
        }
        // The arguments are passed through whole, so help is asked for here.
        if ["--help", "-h", "help"].contains(first) { throw CleanExit.helpRequest(self) }
        guard ClusterPlan.kinds.contains(first) else {
            throw ValidationError("plan cuts \(ClusterPlan.kinds.joined(separator: ", ")) jobs, not '\(first)'")
        }
        _ = try split()
    }

    func run() throws {
        let (tasks, output, rest) = try split()
        let arguments = Array(rest.dropFirst())
        // The command's own parser, so its options, defaults and messages are the ones users know.
        func parsed<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> C {
            do { return try C.parse(arguments) } catch {
                throw ValidationError("\(command[0]): \(C.message(for: error))")
            }
        }
        let spec: JobSpec
        switch command[0] {
        case "run": spec = try parsed(RunCommand.self, arguments).spec()
        case "compare": spec = try parsed(CompareCommand.self, arguments).spec()
        case "sensitivity": spec = try parsed(SensitivityCommand.self, arguments).spec()
        case "calibrate": spec = try parsed(CalibrateCommand.self, arguments).spec()
        default:
            // The sweep's own result file is collect's business: a placeholder satisfies its parser.
            spec = try parsed(SweepCommand.self, arguments + ["--output", "plan-placeholder.json"]).spec()
        }
        let plan = try ClusterPlan.make(spec, tasks: tasks)
        try writeText(try plan.json(), to: output)
        let sizes = plan.tasks.map { $0.to - $0.from }
        print(
            "wrote \(output): a \(spec.kind) job (\(plan.identity.prefix(12))) in \(plan.tasks.count) tasks of \(sizes.min()!)–\(sizes.max()!) \(plan.unit)\(plan.unit == "chunks" ? " of \(plan.chunkSize) runs" : "")"
        )
    }
}

/// `stalemate task job.json --index I -o shards/`.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Run one task of a plan and write its shard (task-I.json in the folder).",
        discussion: """
            Without --index, the task is $SLURM_ARRAY_TASK_ID. The shard is written to a temporary name and \
            renamed, so a killed task leaves no half shard; running a task again gives the same bytes.
            """)

    @Argument(help: "The plan file (stalemate plan -o).")
    var plan: String

    @Option(help: "The task's index (default: $SLURM_ARRAY_TASK_ID).")
    var index: Int?

    @Option(name: [.short, .long], help: "The folder of shards.")
    var output: String

    @OptionGroup var workers: ThreadOptions

    func run() throws {
        let loaded = try ClusterPlan.load(plan)
        guard let task = index ?? ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) else {
            throw ValidationError("give --index I (or run under a SLURM job array, which sets SLURM_ARRAY_TASK_ID)")
        }
        do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw Message("cannot make the shard folder \(output): \(error.localizedDescription)")
        }
        let started = Date.now
        let shard = try ClusterTask.run(
            loaded, index: task, threads: workers.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let path = ClusterPlan.shardPath(output, task: task)
        try shard.write(to: path)
        let t = loaded.tasks[task]
        print(
            "task \(task): \(loaded.unit) \(t.from)..<\(t.to) in \(String(format: "%.2f", Date.now.timeIntervalSince(started))) s → \(path)"
        )
    }
}

/// `stalemate collect job.json shards/`.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Merge a plan's shards in order, record the experiment in the store and print the result.",
        discussion: """
            Every task must have its shard (the missing ones are named). The result is byte-identical to the \
            job run in one process: a run's or comparison's output in --format table|json|csv, a sweep's rows \
            as `sweep -o FILE.json` (json) or FILE.csv (csv). Only collect writes to the store.
            """)

    @Argument(help: "The plan file.")
    var plan: String

    @Argument(help: "The folder of shards.")
    var shards: String

    @OptionGroup var out: OutputOptions

    @OptionGroup var workers: ThreadOptions

    @OptionGroup var storage: StoreOptions

    func run() throws {
        let loaded = try ClusterPlan.load(plan)
        let work = try ClusterTask.restored(loaded, from: shards)
        var execution = JobExecution(
            threads: workers.threads, storage: storage, sinks: [ShardSource(work)], chunkSize: loaded.chunkSize)
        execution.extraOptions = ["collected": "\(loaded.tasks.count) tasks of plan \(loaded.plan.prefix(12))"]
        let (result, store) = try execution.run(loaded.job)
        // A collected run keeps its chunks' tallies (its report is drawn from them); the run
        // records stayed with the tasks.
        if case .run = result, let store, let id = store.experimentID {
            for (index, accumulator) in work.chunks.sorted(by: { $0.key < $1.key }) {
                try store.store.saveChunk(
                    experiment: id, arm: "baseline", chunk: index, runs: accumulator.runs,
                    accumulator: try accumulator.encoded(), records: [])
            }
        }
        switch result {
        case .run(let summary, _):
            try out.emit(try RunCommand.text(summary, format: out.format))
        case .compare(let comparison, _, _):
            switch out.format {
            case .table: try out.emit(ComparisonFormatter.table(comparison))
            case .json: try out.emit(try ComparisonFormatter.json(comparison))
            case .csv: try out.emit(ComparisonFormatter.csv(comparison))
            }
        case .calibrate(.fitted(let fit)):
            try out.emit(out.format == .json ? try result.json() : fit.text.withNewline)
        case .sensitivity(let r):
            switch out.format {
            case .json: try out.emit(try result.json())
            case .csv: try out.emit(r.csv())
            case .table: try out.emit(r.table())
            }
        case .sweep(let sweep):
            switch out.format {
            case .csv: try out.emit(SweepJob.csv(rows: sweep.rows, parameters: sweep.job.design.parameters))
            default: try out.emit(try sweep.job.json(rows: sweep.rows))
            }
        default:
            throw internalMismatch(loaded.job)
        }
        try JobExecution.finish(store)
    }
}

/// Where a plan's shards go by default: `job.shards/` beside `job.json`.
func defaultShardFolder(_ plan: String) -> String {
    let url = URL(fileURLWithPath: plan)
    return url.deletingPathExtension().path + ".shards"
}

/// What `submit` recorded of its SLURM submissions (`submitted.json` in the shard folder).
struct Submissions: Codable {
    struct Array: Codable {
        var job: String
        var tasks: [Int]
        var collect: String?
        var script: String
    }
    var plan: String
    var arrays: [Array]

    static func path(_ folder: String) -> String { (folder as NSString).appendingPathComponent("submitted.json") }

    static func load(_ folder: String) -> Submissions? {
        guard let data = FileManager.default.contents(atPath: path(folder)) else { return nil }
        return try? JSONDecoder().decode(Submissions.self, from: data)
    }
}

/// Runs a program and returns its exit status and output.
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
        throw Message("cannot run \(executable): \(error.localizedDescription)")
    }
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output, errors)
}

/// Single-quotes `s` for a shell script.
func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

enum Executor: String, ExpressibleByArgument, CaseIterable { case slurm, local }

/// `stalemate submit job.json --executor slurm|local`.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Run a plan's tasks on SLURM (a job array and a dependent collect job) or on this machine.",
        discussion: """
            With --executor slurm, writes submit-array.sh and collect.sh into the shard folder (readable, to \
            adapt) and submits them with sbatch; the collect job runs after the array (afterany) and writes \
            result.json beside the shards. --only-missing submits only the tasks without a shard. With \
            --executor local, runs the tasks here, one after another on all cores, then collects.
            """)

    @Argument(help: "The plan file.")
    var plan: String

    @Option(help: "slurm or local.")
    var executor: Executor = .slurm

    @Option(help: "The folder of shards (default: PLAN.shards beside the plan).")
    var shards: String?

    @Option(help: "SLURM partition.")
    var partition: String?

    @Option(help: "SLURM time limit per task, HH:MM.")
    var time: String?

    @Option(name: .customLong("max-parallel"), help: "At most this many tasks at once (the array's %K).")
    var maxParallel: Int?

    @Option(name: .customLong("sbatch-arg"), help: "An extra sbatch option, e.g. --account=ABC (repeatable).")
    var sbatchArguments: [String] = []

    @Flag(name: .customLong("only-missing"), help: "Submit only the tasks that have no shard.")
    var onlyMissing = false

    @Option(help: "Threads per task (SLURM: --cpus-per-task).")
    var threads: Int = 1

    @OptionGroup var storage: StoreOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if let maxParallel, maxParallel < 1 {
            throw ValidationError("--max-parallel must be at least 1 (got \(maxParallel))")
        }
        if let time, time.range(of: #"^\d{1,3}:\d{2}$"#, options: .regularExpression) == nil {
            throw ValidationError("--time must be HH:MM, e.g. 02:30 (got \(time))")
        }
    }

    func run() throws {
        let loaded = try ClusterPlan.load(plan)
        let folder = shards ?? defaultShardFolder(plan)
        do {
            try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        } catch {
            throw Message("cannot make the shard folder \(folder): \(error.localizedDescription)")
        }
        let todo = onlyMissing ? ClusterTask.missing(loaded, in: folder) : loaded.tasks.map(\.index)
        guard !todo.isEmpty else {
            print("every task of \(plan) has its shard in \(folder): run `stalemate collect \(plan) \(folder)`")
            return
        }
        switch executor {
        case .local: try runLocally(loaded, tasks: todo, folder: folder)
        case .slurm: try submitToSLURM(loaded, tasks: todo, folder: folder)
        }
    }

    func runLocally(_ loaded: ClusterPlan, tasks: [Int], folder: String) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for index in tasks {
            let started = Date.now
            let shard = try ClusterTask.run(loaded, index: index, threads: cores)
            try shard.write(to: ClusterPlan.shardPath(folder, task: index))
            FileHandle.standardError.write(
                Data(
                    "task \(index) done in \(String(format: "%.2f", Date.now.timeIntervalSince(started))) s\n".utf8))
        }
        print("ran \(tasks.count) tasks into \(folder): collect them with `stalemate collect \(plan) \(folder)`")
    }

    func submitToSLURM(_ loaded: ClusterPlan, tasks: [Int], folder: String) throws {
        guard (try? runProgram("sbatch", ["--version"]))?.status == 0 else {
            throw Message("sbatch is not available here: submit from a SLURM login node, or use --executor local")
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let executable =
            FileManager.default.isExecutableFile(atPath: binary)
            ? binary
            : (try? runProgram("which", ["stalemate"]))?
                .out.trimmingCharacters(in: .whitespacesAndNewlines) ?? "stalemate"
        let absolutePlan = URL(fileURLWithPath: plan).standardizedFileURL.path
        let absoluteFolder = URL(fileURLWithPath: folder).standardizedFileURL.path
        let name = "stalemate-\(loaded.plan.prefix(8))"
        let list = Self.ranges(tasks) + (maxParallel.map { "%\($0)" } ?? "")
        var header = [
            "#SBATCH --job-name=\(name)", "#SBATCH --array=\(list)", "#SBATCH --cpus-per-task=\(threads)",
            "#SBATCH --output=\(absoluteFolder)/logs/task-%a.out",
        ]
        if let partition { header.append("#SBATCH --partition=\(partition)") }
        if let time { header.append("#SBATCH --time=\(time):00") }
        header += sbatchArguments.map { "#SBATCH \($0)" }
        for index in tasks {
            try? FileManager.default.removeItem(atPath: "\(absoluteFolder)/logs/task-\(index).failed")
        }
        let array = """
            #!/bin/bash
            # Task $SLURM_ARRAY_TASK_ID of the plan \(absolutePlan) (\(loaded.job.kind) job \(loaded.identity.prefix(12)),
            # \(loaded.tasks.count) tasks): writes task-$SLURM_ARRAY_TASK_ID.json into the shard folder. Written by
            # `stalemate submit`; adapt it freely (modules, paths), the task command is all that matters.
            \(header.joined(separator: "\n"))
            \(shellQuoted(executable)) task \(shellQuoted(absolutePlan)) --index "$SLURM_ARRAY_TASK_ID" \\
                -o \(shellQuoted(absoluteFolder)) --threads "${SLURM_CPUS_PER_TASK:-1}"
            status=$?
            if [ $status -ne 0 ]; then echo "$status" > \(shellQuoted(absoluteFolder))/logs/task-"$SLURM_ARRAY_TASK_ID".failed; fi
            exit $status

            """
        let arrayPath = absoluteFolder + "/submit-array.sh"
        try writeText(array, to: arrayPath)
        let submitted = try runProgram("sbatch", ["--parsable", arrayPath])
        guard submitted.status == 0 else {
            throw Message(
                "sbatch refused \(arrayPath): \(submitted.err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let arrayJob = String(submitted.out.split(separator: ";").first ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        // The collect job's store, resolved here (the job may start elsewhere).
        let storeArguments =
            storage.noStore
            ? ["--no-store"] : ["--store", URL(fileURLWithPath: storage.resolvedPath).standardizedFileURL.path]
        var collectHeader = [
            "#SBATCH --job-name=\(name)-collect", "#SBATCH --dependency=afterany:\(arrayJob)",
            "#SBATCH --cpus-per-task=\(threads)", "#SBATCH --output=\(absoluteFolder)/logs/collect.out",
        ]
        if let partition { collectHeader.append("#SBATCH --partition=\(partition)") }
        collectHeader += sbatchArguments.map { "#SBATCH \($0)" }
        let collect = """
            #!/bin/bash
            # Merges the shards of \(absolutePlan) once the array \(arrayJob) has ended (afterany), and writes the
            # result beside them. The only step that writes to the store: keep the store off NFS.
            \(collectHeader.joined(separator: "\n"))
            \(shellQuoted(executable)) collect \(shellQuoted(absolutePlan)) \(shellQuoted(absoluteFolder)) --format json \\
                -o \(shellQuoted(absoluteFolder + "/result.json")) \(storeArguments.map(shellQuoted).joined(separator: " "))

            """
        let collectPath = absoluteFolder + "/collect.sh"
        try writeText(collect, to: collectPath)
        let collected = try runProgram("sbatch", ["--parsable", collectPath])
        guard collected.status == 0 else {
            throw Message(
                "sbatch refused \(collectPath): \(collected.err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let collectJob = collected.out.split(separator: ";").first.map(String.init)?.trimmingCharacters(
            in: .whitespacesAndNewlines)
        var record = Submissions.load(absoluteFolder) ?? Submissions(plan: loaded.plan, arrays: [])
        if record.plan != loaded.plan { record = Submissions(plan: loaded.plan, arrays: []) }
        record.arrays.append(.init(job: arrayJob, tasks: tasks, collect: collectJob, script: arrayPath))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeText(
            String(decoding: try encoder.encode(record), as: UTF8.self) + "\n", to: Submissions.path(absoluteFolder))
        print(
            "submitted \(tasks.count) tasks as array job \(arrayJob) (\(arrayPath)) and collect job \(collectJob ?? "?") (\(collectPath)); follow with `stalemate status \(plan)`"
        )
    }

    /// `0-3,5,7-9`: SLURM's array list of `tasks` (sorted).
    static func ranges(_ tasks: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = tasks.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}

/// `stalemate status job.json`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a plan's tasks: done (a shard), running, pending, failed, or not running.")

    @Argument(help: "The plan file.")
    var plan: String

    @Option(help: "The folder of shards (default: PLAN.shards beside the plan).")
    var shards: String?

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func validate() throws { try format.require([.table, .json], command: "status") }

    struct Report: Codable {
        var schema = "stalemate.status/1"
        var plan: String
        var tasks: Int
        var done: [Int]
        var running: [Int]
        var pending: [Int]
        var failed: [Int]
        var missing: [Int]
        var collected: Bool
    }

    func run() throws {
        let loaded = try ClusterPlan.load(plan)
        let folder = shards ?? defaultShardFolder(plan)
        let absent = Set(ClusterTask.missing(loaded, in: folder))
        var running = Set<Int>()
        var pending = Set<Int>()
        if let record = Submissions.load(folder), record.plan == loaded.plan,
            let queue = try? runProgram(
                "squeue", ["-h", "-r", "-o", "%i %t", "-j", record.arrays.map(\.job).joined(separator: ",")]),
            queue.status == 0
        {
            for line in queue.out.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let task = parts[0].split(separator: "_").last.flatMap({ Int($0) }) else {
                    continue
                }
                if parts[1] == "R" || parts[1] == "CG" {
                    running.insert(task)
                } else if parts[1] == "PD" {
                    pending.insert(task)
                }
            }
        }
        let failed = absent.filter {
            FileManager.default.fileExists(atPath: "\(folder)/logs/task-\($0).failed") && !running.contains($0)
                && !pending.contains($0)
        }
        let report = Report(
            plan: loaded.plan, tasks: loaded.tasks.count,
            done: loaded.tasks.map(\.index).filter { !absent.contains($0) },
            running: running.filter(absent.contains).sorted(), pending: pending.filter(absent.contains).sorted(),
            failed: failed.sorted(),
            missing: absent.subtracting(running).subtracting(pending).subtracting(failed).sorted(),
            collected: FileManager.default.fileExists(atPath: folder + "/result.json"))
        switch format {
        case .json: print(try StableJSON.text(report))
        default:
            func list(_ xs: [Int]) -> String {
                xs.isEmpty ? "" : "  (" + SubmitCommand.ranges(xs) + ")"
            }
            print("plan \(plan): \(report.tasks) tasks, shards in \(folder)")
            print("  done     \(report.done.count)\(list(report.done))")
            print("  running  \(report.running.count)\(list(report.running))")
            print("  pending  \(report.pending.count)\(list(report.pending))")
            print("  failed   \(report.failed.count)\(list(report.failed))")
            print(
                "  missing  \(report.missing.count)\(list(report.missing))  (not queued: `stalemate submit \(plan) --only-missing`)"
            )
            print(report.collected ? "  collected: \(folder)/result.json" : "  not collected yet")
        }
    }
}
