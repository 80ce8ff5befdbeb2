import Foundation
import StalemateCore
import StalemateReport
import StalemateScenario

/// One war's story (`stalemate.story/1`): one run of an ensemble, week by week, and what
/// happened in it told as a timeline (scheduled events, battles, territory, the talks and
/// why they stopped, proposals, escalations and retaliations, agreement, breakdown, end).
/// Told from the run's weekly snapshots, so it is the run the ensemble simulated: the same
/// scenario, overrides, seed and run index give the same war.
public struct WarStory: Codable, Sendable, Equatable {
    /// The state at the end of one week.
    public struct Week: Codable, Sendable, Equatable {
        public var week: Int
        /// The first day of the week, when the scenario has a start date.
        public var date: String?
        /// A's share of the contested value.
        public var share: Double
        /// The state of the talks (`TalksPhase`).
        public var phase: String
        public var escalation: Int
        /// The primary blocker of peace (`Blocker`); nil when not at war.
        public var blocker: String?
        /// Engagements each side won this week.
        public var wonA: Double
        public var wonB: Double
        public var forcesA: Double
        public var forcesB: Double
        /// The proposals on the table: A's share A asks, and A's share B offers (nil: none yet).
        public var proposalA: Double?
        public var proposalB: Double?
        /// A's share of each region, in the order of `regions`.
        public var control: [Double]
    }

    /// One entry of the timeline: a week with events, or a stretch of quiet weeks.
    public struct Entry: Codable, Sendable, Equatable {
        public var fromWeek: Int
        public var toWeek: Int
        public var date: String?
        /// What kinds of things happened: event, battles, territory, talks, proposal,
        /// escalation, retaliation, agreement, breakdown, end, quiet.
        public var kinds: [String]
        /// What happened, one sentence each.
        public var lines: [String]
    }

    public var schema = "stalemate.story/1"
    public var scenario: String
    public var title: String
    public var sides: [String: String]
    public var regions: [String]
    public var overrides: [String]
    public var seed: UInt64
    public var run: Int
    public var outcome: String
    /// Weeks of war until the end (the horizon when still at war).
    public var duration: Int
    public var weeks: [Week]
    public var timeline: [Entry]

    /// The story of run `run` of `scenario` (overrides already applied, named in `overrides`)
    /// with master seed `seed`.
    public static func tell(scenario: Scenario, overrides: [String], seed: UInt64, run: Int) -> WarStory {
        let compiled = CompiledModel(scenario.model)
        var simulator = Simulator(compiled, seed: seed)
        let start = simulator.initialSnapshot()
        let startControl = simulator.regionControl
        var recorder = Recorder()
        let record = simulator.run(run, observer: &recorder)
        let model = scenario.model
        let names = model.sideNames
        func date(_ t: Int) -> String? { scenario.date(ofWeek: max(0, t))?.description }
        func optional(_ x: Double) -> Double? { x.isNaN ? nil : x }
        let weeks = zip(recorder.snapshots, recorder.controls).map { s, c in
            Week(
                week: s.week, date: date(s.week), share: s.share, phase: s.phase.description, escalation: s.escalation,
                blocker: s.blocker?.description, wonA: s.engagementsWon.a, wonB: s.engagementsWon.b,
                forcesA: s.forces.a, forcesB: s.forces.b, proposalA: optional(s.proposal.a),
                proposalB: optional(s.proposal.b), control: c)
        }
        var teller = Teller(scenario: scenario, record: record)
        var previous = (snapshot: start, control: startControl)
        for (s, c) in zip(recorder.snapshots, recorder.controls) {
            teller.week(s, control: c, previous: previous.snapshot, previousControl: previous.control)
            previous = (s, c)
        }
        teller.closeStretch()
        teller.close(last: recorder.snapshots.last ?? start)
        return WarStory(
            scenario: scenario.id, title: scenario.title, sides: ["A": names.a, "B": names.b],
            regions: model.regions.map(\.name), overrides: overrides, seed: seed, run: run,
            outcome: record.outcome.description, duration: record.duration, weeks: weeks,
            timeline: teller.entries.map { e in
                var e = e
                e.date = date(e.fromWeek)
                return e
            })
    }

    /// The first run in `0..<limit` whose outcome is `outcome`, if any.
    public static func firstRun(of scenario: Scenario, seed: UInt64, outcome: Outcome, limit: Int) -> Int? {
        var simulator = Simulator(CompiledModel(scenario.model), seed: seed)
        return (0..<max(0, limit)).first { simulator.run($0).outcome == outcome }
    }

    struct Recorder: WeekObserver {
        var snapshots: [WeekSnapshot] = []
        var controls: [[Double]] = []
        mutating func observe(_ s: WeekSnapshot) { snapshots.append(s) }
        static var observesRegions: Bool { true }
        mutating func observe(regions control: UnsafeBufferPointer<Double>) { controls.append(Array(control)) }
        mutating func finish(_ record: RunRecord) {}
    }
}

/// Turns consecutive snapshots into the timeline's sentences.
private struct Teller {
    let scenario: Scenario
    let record: RunRecord
    let names: SidePair<String>
    var entries: [WarStory.Entry] = []
    /// The quiet weeks not yet written: first week, engagements won, shares, blockers seen.
    var stretch:
        (
            from: Int, to: Int, won: SidePair<Double>, shareFrom: Double, shareTo: Double, phase: TalksPhase,
            blockers: [String: Int]
        )?
    var suspendedSince = -1

    init(scenario: Scenario, record: RunRecord) {
        self.scenario = scenario
        self.record = record
        names = scenario.model.sideNames
    }

    func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
    func name(_ side: Side) -> String { side == .a ? names.a : names.b }
    func region(_ r: Int) -> String {
        r >= 0 && r < scenario.model.regions.count ? scenario.model.regions[r].name : "region \(r + 1)"
    }
    func rung(_ level: Int) -> String {
        // Names are of rungs 1...L; rung 0 is no escalation.
        let rungs = scenario.model.rungNames
        if level == 0 { return "rung 0 (no escalation)" }
        return level >= 1 && level <= rungs.count ? "rung \(level) (\(rungs[level - 1]))" : "rung \(level)"
    }
    func blockerLabel(_ b: Blocker) -> String { ReportLabels.blocker(b.description, sides: names) }

    mutating func week(_ s: WeekSnapshot, control: [Double], previous p: WeekSnapshot, previousControl pc: [Double]) {
        let t = s.week
        var kinds: [String] = []
        var lines: [String] = []
        func say(_ kind: String, _ line: String) {
            if !kinds.contains(kind) { kinds.append(kind) }
            lines.append(line)
        }
        let model = scenario.model
        var scheduledEscalation = SidePair(repeating: false)
        var scheduledProposal = SidePair(repeating: false)
        for e in model.events where e.enabled && e.week == t {
            switch e.kind {
            case .offensive(let side, let r, let weeks, let boost):
                say(
                    "event",
                    "\(name(side)) opens an offensive in \(region(r)) for \(weeks) weeks (its forces there ×\(String(format: "%g", 1 + boost))) [\(e.id)]"
                )
            case .incursion(let side, let r, let foothold, _, _):
                say(
                    "event",
                    "\(name(side)) crosses into \(region(r)), home of \(name(side.opponent)), and holds \(pct(foothold)) of it: a humiliation for \(name(side.opponent)) [\(e.id)]"
                )
            case .escalate(let side, let levels):
                scheduledEscalation[side] = true
                say("escalation", "\(name(side)) escalates by \(levels) rung\(levels == 1 ? "" : "s") [\(e.id)]")
            case .proposal(let side, let share):
                scheduledProposal[side] = true
                say(
                    "proposal",
                    side == .a
                        ? "\(names.a) puts its terms on the table: it keeps \(pct(share)) of the contested value [\(e.id)]"
                        : "\(names.b) puts its terms on the table: \(names.a) would keep \(pct(share)) [\(e.id)]")
            case .convene:
                say("event", "a mediator convenes talks [\(e.id)]")
            case .shock(let side, let size):
                say("event", "a shock of size \(String(format: "%g", size)) hits \(name(side)) [\(e.id)]")
            case .negotiate(let track):
                let partial =
                    track < model.partialAgreements.count ? model.partialAgreements[track].name : "a partial agreement"
                say("event", "a mediator convenes talks on \(partial) alone [\(e.id)]")
            }
        }
        for event in scenario.policyEvents where event.enabled && event.week == t {
            say("event", "\(event.policy.party) begins \(event.policy.kind.name) [\(event.id)]")
        }
        // Territory: a region changes hands when its majority does.
        for r in control.indices where r < pc.count && !control[r].isNaN && !pc[r].isNaN {
            if pc[r] < 0.5 && control[r] >= 0.5 {
                say("territory", "\(names.a) takes most of \(region(r)) (\(pct(control[r])) held)")
            } else if pc[r] >= 0.5 && control[r] < 0.5 {
                say("territory", "\(names.b) takes most of \(region(r)) (\(names.a) holds \(pct(control[r])))")
            }
        }
        // Proposals tabled when talks open.
        for side in Side.both where p.proposal[side].isNaN && !s.proposal[side].isNaN && !scheduledProposal[side] {
            say(
                "proposal",
                side == .a
                    ? "\(names.a) tables its terms: it would keep \(pct(s.proposal.a))"
                    : "\(names.b) tables its terms: \(names.a) would keep \(pct(s.proposal.b))")
        }
        // Escalation and retaliation.
        for side in Side.both where s.escalated[side] && !scheduledEscalation[side] {
            if s.retaliated[side] {
                say(
                    "retaliation",
                    "\(name(side)) retaliates and climbs to \(rung(s.escalation)): an escalation–retaliation cycle closes"
                )
            } else {
                say("escalation", "\(name(side)) escalates to \(rung(s.escalation))")
            }
        }
        if s.escalation < p.escalation && !(s.escalated.a || s.escalated.b) && s.phase != .ended {
            say("escalation", "after quiet weeks the escalation steps down to \(rung(s.escalation))")
        }
        // The talks.
        talks(from: p, to: s, say: say)
        let fought = s.engagementsWon.a + s.engagementsWon.b
        if lines.isEmpty {
            extendStretch(s, previous: p)
            return
        }
        closeStretch()
        if fought > 0 {
            lines.insert(
                "battles: \(names.a) won \(Int(s.engagementsWon.a)) of \(Int(fought)) engagements; \(names.a)'s share \(pct(p.share)) → \(pct(s.share))",
                at: 0)
            kinds.insert("battles", at: 0)
        }
        if let b = s.blocker, b != p.blocker, s.phase != .ended {
            lines.append("what blocks peace now: \(blockerLabel(b))")
        }
        entries.append(WarStory.Entry(fromWeek: t, toWeek: t, date: nil, kinds: kinds, lines: lines))
    }

    mutating func talks(from p: WeekSnapshot, to s: WeekSnapshot, say: (String, String) -> Void) {
        let t = s.week
        guard p.phase != s.phase else { return }
        switch s.phase {
        case .open:
            if p.phase == .suspended {
                say("talks", "talks resume after \(suspendedSince >= 0 ? t - suspendedSince : 0) weeks suspended")
            } else if p.phase == .ceasefire {
                say("breakdown", "the ceasefire breaks down; talks stay open while the fighting resumes")
            } else {
                say("talks", "talks open")
            }
        case .suspended:
            suspendedSince = t
            let who = s.suspendedBy.map(name) ?? "a side"
            let why: String
            switch s.suspensionCause {
            case .incursion: why = "an incursion into its homeland"
            case .escalation: why = "an escalation by \(s.suspendedBy.map { name($0.opponent) } ?? "the other side")"
            case .shock: why = "a shock"
            case nil: why = "a shock"
            }
            var line = "\(who) suspends the talks after \(why)"
            if !s.proposal.a.isNaN && !s.proposal.b.isNaN {
                line +=
                    "; the proposals stay on the table (\(names.a) asks \(pct(s.proposal.a)), \(names.b) offers \(pct(s.proposal.b)))"
            }
            say("talks", line)
        case .closed:
            say(
                p.phase == .ceasefire ? "breakdown" : "talks",
                p.phase == .ceasefire ? "the ceasefire breaks down and the fighting resumes" : "the talks break off")
        case .ceasefire:
            say(
                "agreement",
                "agreement: a ceasefire begins with \(names.a) holding \(pct(s.share)) of the contested value")
        case .ended:
            switch record.outcome {
            case .settled: say("end", "the war is settled (\(names.a) holds \(pct(s.share)))")
            case .defeatA: say("end", "\(names.a) is defeated")
            case .defeatB: say("end", "\(names.b) is defeated")
            case .ceasefireHolding, .ongoing: say("end", "the war ends")
            }
        }
    }

    /// How the run stands at its end, added to the last entry: a settlement or a young
    /// ceasefire is only known once the ceasefire has lasted, so no week's change says it.
    mutating func close(last s: WeekSnapshot) {
        guard !entries.isEmpty else { return }
        let agreed = record.duration - 1
        let line: String
        switch record.outcome {
        case .settled:
            line =
                "the ceasefire agreed in week \(agreed) held: the war is settled, \(names.a) holding \(pct(record.finalShare))"
        case .ceasefireHolding:
            line = "at the horizon the ceasefire still holds, too young to count as settled"
        case .ongoing:
            line = "at the horizon the war goes on (\(names.a) holds \(pct(s.share)))"
        case .defeatA, .defeatB:
            return  // told in the week it happened
        }
        entries[entries.count - 1].lines.append(line)
        if !entries[entries.count - 1].kinds.contains("end") { entries[entries.count - 1].kinds.append("end") }
    }

    mutating func extendStretch(_ s: WeekSnapshot, previous p: WeekSnapshot) {
        var x =
            stretch
            ?? (
                from: s.week, to: s.week, won: SidePair(repeating: 0), shareFrom: p.share, shareTo: s.share,
                phase: s.phase, blockers: [:]
            )
        x.to = s.week
        x.won.a += s.engagementsWon.a
        x.won.b += s.engagementsWon.b
        x.shareTo = s.share
        if let b = s.blocker { x.blockers[blockerLabel(b), default: 0] += 1 }
        stretch = x
    }

    mutating func closeStretch() {
        guard let x = stretch else { return }
        stretch = nil
        var lines: [String] = []
        let fought = x.won.a + x.won.b
        let state: String
        switch x.phase {
        case .closed: state = "fighting, no talks"
        case .open: state = "fighting while the talks go on"
        case .suspended: state = "fighting, the talks suspended"
        case .ceasefire: state = "the ceasefire holds"
        case .ended: state = "the war is over"
        }
        lines.append(state)
        if fought > 0 {
            lines.append(
                "\(names.a) won \(Int(x.won.a)) of \(Int(fought)) engagements; \(names.a)'s share \(pct(x.shareFrom)) → \(pct(x.shareTo))"
            )
        }
        if let top = x.blockers.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
            lines.append("what blocked peace most: \(top.key) (\(top.value) of \(x.to - x.from + 1) weeks)")
        }
        entries.append(WarStory.Entry(fromWeek: x.from, toWeek: x.to, date: nil, kinds: ["quiet"], lines: lines))
    }
}

extension ReportBuilder {
    /// The report of one war's story: its share and proposals, battles, talks and escalation
    /// week by week, and the timeline.
    public static func story(_ story: WarStory) -> ReportInput {
        let weeks = story.weeks.map(\.week)
        let a = story.sides["A"] ?? "A"
        let b = story.sides["B"] ?? "B"
        let phases = StackedData(
            weeks: weeks,
            series: TalksPhase.allCases.map { phase in
                NamedSeries(
                    name: ReportLabels.phase(phase.description),
                    values: story.weeks.map { $0.phase == phase.description ? 1 : 0 })
            })
        let rows = story.timeline.flatMap { e -> [[String]] in
            let when = e.fromWeek == e.toWeek ? "week \(e.fromWeek)" : "weeks \(e.fromWeek)–\(e.toWeek)"
            return [[when, e.date ?? "", e.kinds.joined(separator: ", "), e.lines.joined(separator: " · ")]]
        }
        return ReportInput(
            title: "\(story.title): one war, run \(story.run)",
            subtitle:
                "Outcome: \(ReportLabels.outcome(story.outcome, sides: SidePair(a: a, b: b))) after \(story.duration) weeks",
            settings: [
                ReportSetting(label: "scenario", value: story.scenario),
                ReportSetting(label: "seed", value: "\(story.seed)"),
                ReportSetting(label: "run", value: "\(story.run)"),
                ReportSetting(
                    label: "overrides",
                    value: story.overrides.isEmpty ? "none" : story.overrides.joined(separator: ", ")),
                ReportSetting(label: "sides", value: "A = \(a), B = \(b)"),
                ReportSetting(label: "program", value: "stalemate \(StalemateVersion.current)"),
            ],
            sections: [
                ReportSection(
                    title: "A's share and the proposals on the table",
                    caption:
                        "A's share of the contested value each week, with the standing proposals: the share A asks and the share B offers A (docs/model.md section 7). No line: no proposal tabled yet.",
                    xLabel: "weeks since the start", yLabel: "A's share of the contested value",
                    content: .line(
                        LineData(
                            weeks: weeks,
                            series: [
                                LineSeries(name: "\(a)'s share", values: story.weeks.map(\.share)),
                                LineSeries(name: "\(a) asks", values: story.weeks.map { $0.proposalA ?? .nan }),
                                LineSeries(name: "\(b) offers", values: story.weeks.map { $0.proposalB ?? .nan }),
                            ], style: .percent))),
                ReportSection(
                    title: "The talks, week by week",
                    caption: "The state of the talks at the end of each week of this war.",
                    xLabel: "weeks since the start", yLabel: "state of the talks", content: .stacked(phases)),
                ReportSection(
                    title: "Battles and escalation",
                    caption:
                        "Engagements each side won each week, and the rung of the escalation ladder (0 = none).",
                    xLabel: "weeks since the start", yLabel: "engagements won; rung",
                    content: .line(
                        LineData(
                            weeks: weeks,
                            series: [
                                LineSeries(name: "won by \(a)", values: story.weeks.map(\.wonA)),
                                LineSeries(name: "won by \(b)", values: story.weeks.map(\.wonB)),
                                LineSeries(name: "escalation rung", values: story.weeks.map { Double($0.escalation) }),
                            ], steps: true))),
                ReportSection(
                    title: "What happened",
                    caption:
                        "The run's weeks as a timeline: weeks with events one by one, quiet stretches summed up. Engagements are the week's battles in the contested regions; the share is A's share of the contested value.",
                    content: .table(TableData(header: ["weeks", "date", "kind", "what happened"], rows: rows))),
            ])
    }
}
