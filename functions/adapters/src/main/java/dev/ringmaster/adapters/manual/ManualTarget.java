package dev.ringmaster.adapters.manual;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;

/**
 * Target type {@code manual} (CONTRACTS.md §1.2): people make the change, ringmaster gates, records and
 * notifies. Each call answers what people are asked to do, which notify-channel tells them; there is no
 * system to read back, so {@link #observe} says so rather than guess.
 */
public final class ManualTarget implements RolloutTarget {

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        return asked("give " + version + " to " + phase.audience(), phase.percent() == null ? Double.NaN : phase.percent());
    }

    @Override
    public TargetState resume(Target target, Phase phase, String version) {
        return asked("give " + version + " to new users again, up to " + phase.audience(), phase.percent() == null ? Double.NaN : phase.percent());
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return asked("stop giving " + version + " to new users beyond " + phase.audience(), Double.NaN);
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return asked("take " + version + " away from " + phase.audience(), 0);
    }

    @Override
    public TargetState complete(Target target, String version) {
        return asked("give " + version + " to everyone", 100);
    }

    @Override
    public TargetState observe(Target target, String version) {
        return new TargetState("unknown", Double.NaN, "a manual target has no system ringmaster can read: ask the people who act on it");
    }

    private static TargetState asked(String request, double percent) {
        return new TargetState("asked", percent, "people asked to " + request);
    }
}
