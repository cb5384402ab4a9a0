package dev.ringmaster.cli;

import dev.ringmaster.adapters.bus.InProcessBus;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.Ports;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One scheduler tick of the local runner: every active rollout (and any rollout whose last action is still
 * pending, such as a rollback given from another terminal) is ticked once, with the step functions wired
 * to the in-process bus.
 */
final class RunnerLoop {
    private final Ports ports;
    private final PlanCache plans = new PlanCache();
    private final EvaluateGates evaluate;
    private final RunMetrics metrics;
    private final Duration tick;
    private final Consumer<String> say;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastSaid = new ConcurrentHashMap<>();

    RunnerLoop(Ports ports, RunMetrics metrics, Duration tick, Consumer<String> say) {
        this.ports = ports;
        this.metrics = metrics;
        this.tick = tick;
        this.say = say;
        this.evaluate = new EvaluateGates(ports, plans);
        ((InProcessBus) ports.bus()).subscribe(new AdvancePhase(ports, plans)::handle)
                .subscribe(new PauseStoreRollout(ports, plans)::handle).subscribe(new NotifyChannel(ports, plans)::handle);
    }

    void tickAll() {
        ports.store().active().forEach(s -> known.add(s.rollout().id()));
        for (String id : known) {
            StoredRollout s = ports.store().find(id).orElse(null);
            if (s == null) {
                continue;
            }
            Rollout r = s.rollout();
            Plan plan = plans.get(id, s.planYaml());
            if (r.state() == RolloutState.RUNNING) {
                metrics.observe(id, plan, plan.phases().get(r.phaseIndex()), ports.clock().instant(), r.startedAt(), tick);
            }
            EvaluateGates.Result result = evaluate.tick(id);
            String said = result.decision().map(d -> d.type() + " " + d.phase()).orElse(result.note());
            if (!said.equals(lastSaid.put(id, said))) {
                say.accept(ports.clock().instant() + "  " + id + ": " + result.decision().map(d -> d.summary()).orElse(result.note()));
            }
            if (r.state().terminal() && ports.store().openIntents(id).isEmpty()) {
                known.remove(id);
            }
        }
    }
}
