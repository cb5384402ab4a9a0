package dev.ringmaster.sim;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;

/** A simulated target whose every call first asks the scenario's faults whether its API is down. */
final class FaultyTarget implements RolloutTarget {
    private final RolloutTarget real;
    private final Faults faults;

    FaultyTarget(RolloutTarget real, Faults faults) {
        this.real = real;
        this.faults = faults;
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        faults.onTarget();
        return real.enter(target, phase, version);
    }

    @Override
    public TargetState resume(Target target, Phase phase, String version) {
        faults.onTarget();
        return real.resume(target, phase, version);
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        faults.onTarget();
        return real.halt(target, phase, version);
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        faults.onTarget();
        return real.rollback(target, phase, version);
    }

    @Override
    public TargetState complete(Target target, String version) {
        faults.onTarget();
        return real.complete(target, version);
    }

    @Override
    public TargetState observe(Target target, String version) {
        faults.onTarget();
        return real.observe(target, version);
    }

    /** An outage of the store's API also stops ringmaster holding Apple's schedule: it moves on by itself then. */
    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        faults.onTarget();
        return real.hold(target, phase, version);
    }
}
