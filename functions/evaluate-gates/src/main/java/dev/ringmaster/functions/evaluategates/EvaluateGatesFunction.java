package dev.ringmaster.functions.evaluategates;

import dev.ringmaster.adapters.aws.EmbeddedMetric;
import dev.ringmaster.core.step.EvaluateGates;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;

/** Step function evaluate-gates: one tick of one rollout, invoked by its schedule. */
public class EvaluateGatesFunction {

    @Inject
    EvaluateGates evaluateGates;

    @Inject
    Clock clock;

    /** False where the stack gives rollouts no no-tick alarm (-c noTickAlarm=false): nothing reads the metric then. */
    @ConfigProperty(name = "ringmaster.tick-metric", defaultValue = "true")
    boolean tickMetric;

    @Funq("evaluate-gates")
    public TickResult evaluateGates(Tick tick) {
        String id = tick == null ? null : tick.rollout();
        if (id == null) {
            throw new IllegalArgumentException("a tick is {\"rolloutId\": \"...\"}; this one has no rolloutId");
        }
        EvaluateGates.Result r = evaluateGates.tick(id);
        if (tickMetric && r.rollout() != null) {
            // Counted by the rollout's no-tick alarm (CloudWatch reads the metric from this log line): only a tick that finished.
            System.out.println(EmbeddedMetric.tick(id, clock.instant()));
        }
        return new TickResult(id, r.decision().map(d -> d.type().name()).orElse(null), r.written(), r.note());
    }
}
