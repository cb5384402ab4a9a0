package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.util.List;

/**
 * A manual target: people make the change, ringmaster only gates, records and notifies. Every call succeeds
 * and is recorded as what people were asked to do; the simulation assumes they did it.
 */
public final class SimManualTarget implements RolloutTarget {
    private final CallLog log;
    private TargetState last = new TargetState("not asked", Double.NaN, "nothing asked yet");

    public SimManualTarget(Clock clock) {
        this.log = new CallLog(clock);
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        return ask("enter", "give " + version + " to " + phase.audience(), phase.percent() == null ? Double.NaN : phase.percent());
    }

    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        return ask("halt", "stop giving " + version + " to new users beyond " + phase.audience(), last.percent());
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        return ask("rollback", "take " + version + " away from " + phase.audience(), 0);
    }

    @Override
    public synchronized TargetState complete(Target target, String version) {
        return ask("complete", "give " + version + " to everyone", 100);
    }

    /** The tick's check of the live phase reads; it is not a call to log. */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        return log.quietly(() -> observe(target, version));
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        log.accepted("observe", last.detail());
        return last;
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState ask(String operation, String request, double percent) {
        log.accepted(operation, "people asked to " + request);
        last = new TargetState("asked", percent, "people asked to " + request);
        return last;
    }
}
