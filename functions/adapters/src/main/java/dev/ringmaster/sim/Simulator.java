package dev.ringmaster.sim;

import dev.ringmaster.adapters.bus.InProcessBus;
import dev.ringmaster.adapters.sim.RecordingNotifier;
import dev.ringmaster.adapters.sim.SimFlagStore;
import dev.ringmaster.adapters.sim.SimTargets;
import dev.ringmaster.core.gate.Evidence;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one rollout of a plan through a scenario in virtual time, with the same step functions the cloud
 * runs, over simulated targets and a metric source that samples the scenario. Seeded: the same seed gives
 * the same history.
 */
public final class Simulator {
    private final String planYaml;
    private final Plan plan;
    private final Scenario scenario;
    private final PlanCache plans;

    public Simulator(String planYaml, Plan plan, Scenario scenario, PlanCache plans) {
        this.planYaml = planYaml;
        this.plan = plan;
        this.scenario = scenario;
        this.plans = plans;
    }

    /**
     * @param detailed record per-tick evidence and audience for a report (costly: only for the example run)
     */
    public SimulationRun run(long seed, RolloutStore store, boolean detailed) {
        VirtualClock clock = new VirtualClock(scenario.start());
        SimFlagStore flags = new SimFlagStore(clock);
        ScenarioMetricSource metrics = new ScenarioMetricSource(scenario, plan.metrics(), seed);
        InProcessBus bus = new InProcessBus();
        SimTargets targets = SimTargets.of(clock, flags);
        Ports ports = new Ports(store, metrics, targets.byType(), flags, new RecordingNotifier(clock), bus,
                new RecordingScheduler(), clock);
        AdvancePhase advance = new AdvancePhase(ports, plans);
        PauseStoreRollout pause = new PauseStoreRollout(ports, plans);
        NotifyChannel notify = new NotifyChannel(ports, plans);
        bus.subscribe(advance::handle).subscribe(pause::handle).subscribe(notify::handle);
        EvaluateGates evaluate = new EvaluateGates(ports, plans, detailed);
        Operate operate = new Operate(ports, plans, scenario.tick());
        String id = plan.id();
        boolean bad = Truth.bad(plan, scenario);

        List<SimulationRun.AudiencePoint> audience = new ArrayList<>();
        Map<String, List<SimulationRun.MetricPoint>> evidence = new LinkedHashMap<>();
        List<SimulationRun.DecisionMark> decisions = new ArrayList<>();
        CommandResult started = operate.handle(id, new Command(Command.Type.START, "simulator", "simulated rollout", null, true, false), planYaml);
        Instant end = scenario.start().plus(scenario.until());
        Instant t = scenario.start();
        double exposed = 0;
        int nextEvent = 0;
        List<Scenario.Injected> events = scenario.events().stream().sorted(java.util.Comparator.comparing(Scenario.Injected::at)).toList();
        while (started instanceof CommandResult.Accepted && t.isBefore(end)) {
            t = t.plus(scenario.tick());
            clock.set(t);
            Duration since = Duration.between(scenario.start(), t);
            while (nextEvent < events.size() && events.get(nextEvent).at().compareTo(since) <= 0) {
                Scenario.Injected e = events.get(nextEvent++);
                operate.handle(id, command(e), null);
            }
            Rollout r = store.find(id).orElseThrow().rollout();
            if (stops(r.state())) {
                break;
            }
            Phase phase = plan.phases().get(r.phaseIndex());
            holdApplesSchedule(targets, phase);
            double share = Traffic.share(phase, scenario);
            double traffic = Traffic.sessions(scenario, since, scenario.tick());
            metrics.observe(t, traffic * share, traffic * Traffic.baselineShare(share), scenario.tick());
            exposed += traffic * share;
            EvaluateGates.Result result = evaluate.tick(id);
            Rollout after = result.rollout();
            if (detailed) {
                audience.add(new SimulationRun.AudiencePoint(t, share * 100, phase.name()));
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
            if (stops(after.state())) {
                break;
            }
        }
        Rollout last = store.find(id).map(s -> s.rollout()).orElse(Rollout.pending(id));
        String outcome = started instanceof CommandResult.Refused refused ? "REFUSED: " + refused.reason() : last.state().name();
        return new SimulationRun(id, scenario.name(), seed, outcome, bad, scenario.start(), t, bad ? exposed : 0, audience, evidence,
                decisions, detailed ? store.history(id) : List.of(), targetState(targets, last));
    }

    /** Apple's schedule moves by itself: pause it where it would pass the phase's audience (CONTRACTS.md §1.2). */
    private void holdApplesSchedule(SimTargets targets, Phase phase) {
        Target target = plan.targetOf(phase);
        if (target.type() == TargetType.APP_STORE && phase.percent() != null) {
            targets.appStore().pauseIfBeyond(target, phase.percent());
        }
    }

    private String targetState(SimTargets targets, Rollout last) {
        Target target = plan.targetOf(plan.phases().get(last.phaseIndex()));
        try {
            TargetState s = targets.byType().get(target.type()).observe(target, plan.version() == null ? plan.id() : plan.version());
            return target.describe() + ": " + s.status() + (Double.isNaN(s.percent()) ? "" : " at " + Numbers.plain(s.percent()) + " %");
        } catch (RolloutTarget.Refused e) {
            return target.describe() + ": " + e.getMessage();
        }
    }

    private static boolean stops(RolloutState s) {
        return s != RolloutState.RUNNING;
    }

    private static Command command(Scenario.Injected e) {
        Command.Type type = Command.Type.valueOf(e.command().toUpperCase(Locale.ROOT));
        return new Command(type, "scenario", e.reason(), null, true, type == Command.Type.PROMOTE);
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
