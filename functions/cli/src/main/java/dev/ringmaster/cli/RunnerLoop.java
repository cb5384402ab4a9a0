package dev.ringmaster.cli;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.testkit.LocalChain;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One scheduler tick of the local runner: every active rollout (and any rollout whose outbox still owes
 * something, such as a rollback given from another terminal) is ticked once, with the step functions wired
 * to the in-process bus.
 */
final class RunnerLoop {
    private final RolloutStore store;
    private final Clock clock;
    private final PlanCache plans = new PlanCache();
    private final EvaluateGates evaluate;
    private final RunMetrics metrics;
    private final Duration tick;
    private final Consumer<String> say;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastSaid = new ConcurrentHashMap<>();

    RunnerLoop(LocalChain chain, RolloutStore store, Clock clock, RunMetrics metrics, Duration tick, Consumer<String> say) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.tick = tick;
        this.say = say;
        this.evaluate = chain.evaluate;
    }

    void tickAll() {
        store.active().forEach(s -> known.add(s.rollout().id()));
        for (String id : known) {
            StoredRollout s = store.find(id).orElse(null);
            if (s == null) {
                continue;
            }
            Rollout r = s.rollout();
            Plan plan = plans.get(id, s.planYaml());
            if (r.state() == RolloutState.RUNNING) {
                metrics.observe(id, plan, plan.phases().get(r.phaseIndex()), clock.instant(), r.startedAt(), tick);
            }
            EvaluateGates.Result result = evaluate.tick(id);
            String said = result.decision().map(d -> d.type() + " " + d.phase()).orElse(result.note());
            if (!said.equals(lastSaid.put(id, said))) {
                say.accept(clock.instant() + "  " + id + ": " + result.decision().map(d -> d.summary()).orElse(result.note()));
            }
            if (r.state().terminal() && store.openIntents(id).isEmpty()) {
                known.remove(id);
            }
        }
    }
}
