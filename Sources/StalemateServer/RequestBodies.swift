import Foundation
import StalemateAnalysis
import StalemateJobs
import StalemateScenario

/// The server's request bodies as they are read, before anything is simulated: what
/// `POST /api/jobs` and `POST /api/story` check. The routes call these, and so does the
/// fuzzing harness (Fuzz/, docs/reliability.md), so that what is fuzzed is what is served.
public enum RequestBodies {
    /// The longest war a story tells, week by week (its JSON grows by about 400 bytes a week).
    public static let storyWeeks = 5_000

    /// `POST /api/story`: a run of a job's ensemble, by index or as the first with an outcome.
    struct StoryRequest: Codable {
        var scenario: ScenarioInput
        var ensemble: EnsembleSettings
        /// The run's index in the ensemble (0 when neither it nor `outcome` is given).
        var run: Int?
        /// Instead of `run`: the first run of the ensemble that ends so.
        var outcome: String?
    }

    /// A job (schema `stalemate.job/1`): decoded, and its cost in run-weeks.
    static func job(_ text: String) throws(APIError) -> (JobSpec, Int) {
        let spec: JobSpec
        do { spec = try JobSpec.decode(json: text) } catch { throw APIError(.badRequest, error.description) }
        return (spec, try JobCost.check(spec))
    }

    /// A story request: decoded with no unknown field, run or outcome, its cost, its scenario
    /// loaded and its ensemble built, the horizon within `storyWeeks`.
    static func story(_ text: String) throws(APIError) -> (StoryRequest, RunJob, Int) {
        let asked: StoryRequest
        do { asked = try JSONDecoder().decode(StoryRequest.self, from: Data(text.utf8)) } catch {
            throw APIError(.badRequest, "story: \(JobSpec.decodingProblem(error))")
        }
        if let given = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let known = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(asked)),
            let unknown = JobSpec.unknownField(given, known: known, path: [])
        {
            throw APIError(
                .badRequest,
                "story: \(unknown.path) is not a field of a story request; its fields there are \(unknown.known.joined(separator: ", "))"
            )
        }
        if asked.run != nil && asked.outcome != nil {
            throw APIError(.unprocessableContent, "story: give run or outcome, not both")
        }
        let runWeeks = try JobCost.check(.run(RunSpec(scenario: asked.scenario, ensemble: asked.ensemble)))
        let scenario: Scenario
        do { scenario = try asked.scenario.load() } catch {
            throw APIError(
                .unprocessableContent, "the scenario has problems:\n\(error)", problems: Routes.problems(error))
        }
        let job: RunJob
        do {
            job = try RunJob(
                scenario: scenario, overrides: asked.ensemble.overrides, runs: asked.ensemble.runs,
                seed: asked.ensemble.seed, weeks: asked.ensemble.weeks)
        } catch {
            throw APIError(.unprocessableContent, "story: \(error)")
        }
        let horizon = job.scenario.model.horizon
        guard horizon <= storyWeeks else {
            throw APIError(
                .unprocessableContent, "story: the horizon is \(horizon) weeks; a story tells at most \(storyWeeks)")
        }
        return (asked, job, runWeeks)
    }

    /// Every check of the body of `POST path` (`/api/jobs` or `/api/story`); nil when it
    /// passes, else the status and message the server answers with.
    public static func problem(path: String, body: String) -> (status: Int, message: String)? {
        do {
            if path == "/api/story" {
                _ = try story(body)
            } else {
                let (spec, _) = try job(body)
                _ = try? spec.identity()
            }
            return nil
        } catch {
            return (error.status.code, error.message)
        }
    }
}
