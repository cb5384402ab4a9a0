package dev.ringmaster.functions.evaluategates;

import dev.ringmaster.core.step.EvaluateGates;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Step function evaluate-gates: one tick of one rollout, invoked by its schedule. */
public class EvaluateGatesFunction {

    @Inject
    EvaluateGates evaluateGates;

    @Funq("evaluate-gates")
    public TickResult evaluateGates(Tick tick) {
        String id = tick == null ? null : tick.rollout();
        if (id == null) {
            throw new IllegalArgumentException("a tick is {\"rolloutId\": \"...\"}; this one has no rolloutId");
        }
        EvaluateGates.Result r = evaluateGates.tick(id);
        return new TickResult(id, r.decision().map(d -> d.type().name()).orElse(null), r.written(), r.note());
    }
}
