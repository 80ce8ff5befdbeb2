import ArgumentParser
import Foundation
import StalemateAnalysis
import StalemateBacktest
import StalemateCalibration
import StalemateJobs
import StalemateScenario
import StalemateStore

struct CheckStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-store",
        abstract: "Check the store: SQLite's integrity and foreign-key checks, and every stored batch against its runs."
    )

    @OptionGroup var location: StoreLocation

    func run() throws {
        let store = try location.openExisting()
        let check: StoreCheck
        check = try StoreCheck(store)
        guard check.problems.isEmpty else {
            throw Message("the store \(store.path) has problems:\n  " + check.problems.joined(separator: "\n  "))
        }
        print("ok: \(store.path) passes integrity_check; \(check.batches) batches match their runs")
    }
}
