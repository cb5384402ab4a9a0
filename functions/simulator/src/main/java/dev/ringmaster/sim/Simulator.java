package dev.ringmaster.sim;

import dev.ringmaster.core.gate.Evidence;
import dev.ringmaster.core.plan.AppReviewGate;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TargetState;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.port.Notifier;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one rollout of a plan through a scenario in virtual time, with the same step functions the cloud
 * runs, over simulated targets (behind the scenario's faults) and a metric source that samples the scenario.
 * A run goes on until the rollout stopped and everything it asked of the targets and of people is settled, or
 * until the scenario's {@code until}. Seeded: the same seed gives the same history.
 */
public final class Simulator {
    private final String planYaml;
    private final Plan plan;
    private final Scenario scenario;
    private final Live live;

    /**
     * Real target adapters a rehearsal drives instead of the simulated systems ({@code simulate --targets live}):
     * metrics and people stay simulated unless {@code signals} brings real ones (null targets and flags: the simulated
     * ones). An App Review target that is also a metric source gives the review's verdict.
     */
    public record Live(Map<TargetType, RolloutTarget> targets, FlagWriter flags, Signals signals) {
        public Live(Map<TargetType, RolloutTarget> targets, FlagWriter flags) {
            this(targets, flags, null);
        }
    }

    /**
     * Real metric sources and notifiers for a rehearsal against stand-ins: {@code sources} is given the scenario's
     * truth (what the stand-ins should serve, sampled tick by tick) and the run's virtual clock, and returns what the
     * chain reads; every message goes to the notifier {@code channels} makes on that clock, and is recorded once it went out.
     */
    public record Signals(java.util.function.BiFunction<MetricSource, java.time.Clock, MetricSource> sources,
                          java.util.function.Function<java.time.Clock, Notifier> channels) {
    }

    public Simulator(String planYaml, Plan plan, Scenario scenario) {
        this(planYaml, plan, scenario, null);
    }

    private Simulator(String planYaml, Plan plan, Scenario scenario, Live live) {
        this.planYaml = planYaml;
        this.plan = plan;
        this.scenario = scenario;
        this.live = live;
    }

    /** This simulation acting on real targets: one run, for rehearsing a plan against a staging app or a stand-in. */
    public Simulator on(Live targets) {
        return new Simulator(planYaml, plan, scenario, targets);
    }

    /**
     * @param detailed record per-tick evidence, audience and target calls for a report (costly: only for the example run)
     */
    public SimulationRun run(long seed, RolloutStore store, boolean detailed) {
        VirtualClock clock = new VirtualClock(scenario.start());
        Faults faults = new Faults(scenario, clock);
        SimFlagStore flags = new SimFlagStore(clock);
        SimTargets targets = SimTargets.of(clock, flags);
        ScenarioMetricSource metrics = new ScenarioMetricSource(scenario, plan.metrics(), seed, faults);
        RecordingNotifier channels = new RecordingNotifier(clock);
        servePreviousVersion(targets);
        RecordingScheduler schedules = new RecordingScheduler();
        // App Review's verdict comes from the simulated App Store Connect; the scenario may make it reject.
        Scenario.Truth review = scenario.metrics().get(AppReviewGate.METRIC);
        targets.appReview().approves(review == null || review.check() == null || review.check());
        Map<TargetType, RolloutTarget> acting = live == null || live.targets() == null ? targets.byType() : live.targets();
        MetricSource verdicts = live != null && acting.get(TargetType.APP_REVIEW) instanceof MetricSource m ? m : targets.appReview();
        Signals signals = live == null ? null : live.signals();
        MetricSource read = signals == null ? metrics : signals.sources().apply(metrics, clock);
        MetricSource sources = new MetricSource() {
            @Override
            public List<Sample> read(MetricDef def, String rollout, String version, Instant from, Instant to) {
                return read(def, new Release(rollout, null, version, null, null, null), from, to);
            }

            @Override
            public List<Sample> read(MetricDef def, Release release, Instant from, Instant to) {
                return def.source().equals(dev.ringmaster.core.plan.MetricSource.APP_REVIEW.key)
                        ? verdicts.read(def, release, from, to) : read.read(def, release, from, to);
            }
        };
        Notifier real = signals == null ? null : signals.channels().apply(clock);
        Notifier told = real == null ? channels : (rule, message) -> {
            real.send(rule, message);
            channels.send(rule, message);
        };
        LocalChain chain = new LocalChain(new LocalChain.World(store, sources, faults.targets(acting), faults.flags(live == null || live.flags() == null ? flags : live.flags()),
                faults.notifier(told), schedules, clock),
                new InProcessBus().dropping(faults.drops()), Capabilities.everything(), scenario.tick(), detailed, Outbox.GRACE);
        String id = plan.id();
        boolean bad = Truth.bad(plan, scenario);

        List<SimulationRun.AudiencePoint> audience = new ArrayList<>();
        Map<String, List<SimulationRun.MetricPoint>> evidence = new LinkedHashMap<>();
        List<SimulationRun.DecisionMark> decisions = new ArrayList<>();
        CommandResult started = chain.operate.handle(id, new Command(Command.Type.START, "simulator", "simulated rollout",
                scenario.startPhase(), true, false), planYaml);
        Instant end = scenario.start().plus(scenario.until());
        Instant t = scenario.start();
        Instant outcomeAt = t;
        double exposed = 0;
        int nextEvent = 0;
        List<Scenario.Injected> events = scenario.events().stream().sorted(Comparator.comparing(Scenario.Injected::at)).toList();
        RolloutState state = RolloutState.RUNNING;
        boolean byCommand = false;
        while (started instanceof CommandResult.Accepted && t.isBefore(end)) {
            if (state != RolloutState.RUNNING && store.openIntents(id).isEmpty()) {
                boolean watched = schedules.schedules().containsKey(id) && t.isBefore(outcomeAt.plus(scenario.afterStop()));
                if (!watched && nextEvent == events.size()) {
                    break;
                }
                if (!watched) {
                    // Nothing moves a stopped rollout with nothing owed until the next command: skip to the tick that gives it.
                    t = latest(t, tickBefore(events.get(nextEvent).at()));
                }
            }
            t = t.plus(scenario.tick());
            clock.set(t);
            Duration since = Duration.between(scenario.start(), t);
            while (nextEvent < events.size() && events.get(nextEvent).at().compareTo(since) <= 0) {
                chain.operate.handle(id, command(events.get(nextEvent++)), null);
                RolloutState now = store.find(id).orElseThrow().rollout().state();
                if (now != state) {
                    byCommand = now != RolloutState.RUNNING && now != RolloutState.COMPLETED;
                    state = now;
                    outcomeAt = t;
                }
            }
            StoredRollout stored = store.find(id).orElseThrow();
            Rollout r = stored.rollout();
            Phase phase = plan.phases().get(r.phaseIndex());
            if (live(stored)) {
                // A live build keeps producing data (its users keep it), so stopped rollouts stay watched.
                double share = Traffic.share(phase, scenario);
                double traffic = Traffic.sessions(scenario, since, scenario.tick());
                metrics.observe(t, traffic * share, traffic * Traffic.baselineShare(share), scenario.tick());
                if (servesNewUsers(stored)) {
                    exposed += traffic * share;
                    if (detailed) {
                        audience.add(new SimulationRun.AudiencePoint(t, share * 100, phase.name()));
                    }
                }
            }
            EvaluateGates.Result result = chain.evaluate.tick(id);
            Rollout after = result.rollout();
            if (after.state() != state || after.state() == RolloutState.RUNNING) {
                outcomeAt = t;
            }
            if (after.state() != state && !after.state().rollingBack() && after.state() != RolloutState.ROLLED_BACK) {
                byCommand = false; // ringmaster moved it (a confirmed rollback only finishes what was asked)
            }
            state = after.state();
            if (detailed) {
                result.decision().ifPresent(d -> record(d, evidence));
            }
            // Mark what a person would notice: a change of state or phase, or a new kind of decision.
            if (result.decision().isPresent()) {
                Decision d = result.decision().get();
                boolean changed = after.state() != r.state() || after.phaseIndex() != r.phaseIndex()
                        || decisions.isEmpty() || !decisions.get(decisions.size() - 1).decision().equals(d.type().name());
                if (changed) {
                    decisions.add(new SimulationRun.DecisionMark(d.at(), d.type().name(), d.phase(), d.summary()));
                }
            }
        }
        Rollout last = store.find(id).map(StoredRollout::rollout).orElse(Rollout.pending(id));
        SimulationRun.Outcome outcome = started instanceof CommandResult.Refused refused
                ? new SimulationRun.Outcome(null, refused.reason(), false) : new SimulationRun.Outcome(last.state(), null, byCommand);
        List<HistoryEntry> history = detailed ? store.history(id) : List.of();
        return new SimulationRun(id, scenario.name(), seed, outcome, bad, scenario.start(), outcomeAt, bad ? exposed : 0, audience, evidence,
                decisions, history, targetState(acting, last), targetCalls(history), detailed ? channels.messages() : List.of(),
                detailed && live == null ? flags.snapshot() : Map.of());
    }

    /** Every ring of a container-ring phase serves the scenario's previous version: the digest a rollback puts back. */
    private void servePreviousVersion(SimTargets targets) {
        if (scenario.previousVersion() == null) {
            return;
        }
        for (Phase p : plan.phases()) {
            Target t = plan.targetOf(p);
            if (t.type() == TargetType.CONTAINER_RING && p.ring() != null) {
                targets.registry().serve(t, p.ring(), scenario.previousVersion());
            }
        }
    }

    /** The last tick before the one at which a command given {@code at} after the start is injected. */
    private Instant tickBefore(Duration at) {
        long tick = scenario.tick().toMillis();
        long ticks = (at.toMillis() + tick - 1) / tick;
        return scenario.start().plusMillis((ticks - 1) * tick);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The build is out there: every state but PENDING and a confirmed rollback. */
    private static boolean live(StoredRollout s) {
        RolloutState state = s.rollout().state();
        return state != RolloutState.PENDING && state != RolloutState.ROLLED_BACK;
    }

    /**
     * The target still takes new users, counted as exposed: the rollout runs, or it stopped but the halt,
     * rollback or kill has not reached the target yet (an outage delays it). Exposure stops counting at
     * COMPLETED: a bad build that completed was missed, whatever comes after.
     */
    private static boolean servesNewUsers(StoredRollout s) {
        RolloutState state = s.rollout().state();
        if (state == RolloutState.RUNNING) {
            return true;
        }
        Effect e = s.effect();
        return (state == RolloutState.HALTED || state == RolloutState.PAUSED || state.rollingBack())
                && !(e.action().protective() && e.status() == Effect.Status.DONE);
    }

    /** What the simulated system itself holds at the end, read past any fault: the truth a console would show. */
    private String targetState(Map<TargetType, RolloutTarget> targets, Rollout last) {
        Target target = plan.targetOf(plan.phases().get(last.phaseIndex()));
        try {
            TargetState s = targets.get(target.type()).observe(target, plan.version() == null ? plan.id() : plan.version());
            return target.describe() + ": " + s.status() + (Double.isNaN(s.percent()) ? "" : " at " + Numbers.plain(s.percent()) + " %");
        } catch (RolloutTarget.Refused | RolloutTarget.Unavailable e) {
            return target.describe() + ": " + e.getMessage();
        }
    }

    /** The target calls in order, from the ACTION entries the steps wrote: "enter ok", "halt error (attempt 2)". */
    private List<SimulationRun.TargetCall> targetCalls(List<HistoryEntry> history) {
        List<SimulationRun.TargetCall> calls = new ArrayList<>();
        for (HistoryEntry h : history) {
            String[] what = h.what().split(" ");
            if (h.kind() != HistoryEntry.Kind.ACTION || what.length < 2 || !List.of("ok", "error", "refused").contains(what[1])) {
                continue;
            }
            calls.add(new SimulationRun.TargetCall(Duration.between(scenario.start(), h.at()).toSeconds() / 3600.0, what[0], h.phase(),
                    what[1]));
        }
        return calls;
    }

    private static Command command(Scenario.Injected e) {
        Command.Type type = Command.Type.valueOf(e.command().toUpperCase(Locale.ROOT));
        return new Command(type, e.by(), e.reason(), null, true, type == Command.Type.PROMOTE, e.cohort(), null);
    }

    private static void record(Decision d, Map<String, List<SimulationRun.MetricPoint>> evidence) {
        for (Reason v : d.verdicts()) {
            Evidence e = v.evidence();
            if (e == null) {
                continue;
            }
            evidence.computeIfAbsent(v.rule(), k -> new ArrayList<>()).add(new SimulationRun.MetricPoint(d.at(), v.rule(), e.estimate(),
                    e.lower(), e.upper(), e.bound(), v.outcome().name()));
        }
    }
}
