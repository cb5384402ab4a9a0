package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every tick of a running rollout whose phase is live, after the decision is saved: the phase's target holds the
 * audience ({@link RolloutTarget#hold}: Apple's schedule is paused before it passes the phase) and says what it
 * holds. A change made by hand in a console (a Play release halted, raised or completed; a phased release paused)
 * is recorded, told to every team channel ({@code changed-by-hand}, critical) and the rollout PAUSED without a
 * target call: ringmaster never overwrites a person's decision silently, and a person resumes, promotes or rolls
 * back. A target that cannot be reached is only noted: the gates were judged already, whatever it answers.
 */
public final class TargetCheck {
    private final RolloutStore store;
    private final Targets targets;
    private final EventPublisher bus;
    private final Clock clock;

    public TargetCheck(RolloutStore store, Targets targets, EventPublisher bus, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * What the check found, for the tick's note; empty when there was nothing to check.
     *
     * @param stored the rollout and its effect as the tick left them (no second read: a tick runs every few minutes for days)
     */
    public String check(Plan plan, StoredRollout stored) {
        if (stored.rollout().state() != RolloutState.RUNNING || !EvaluateGates.live(plan, stored).live()
                || stored.effect().action() == Action.COMPLETE) {
            return "";
        }
        Rollout r = stored.rollout();
        Phase phase = plan.phases().get(r.phaseIndex());
        Target target = plan.targetOf(phase);
        String version = plan.version() == null ? r.id() : plan.version();
        try {
            targets.of(target.type()).hold(target, phase, version);
            return "";
        } catch (RolloutTarget.ChangedByHand e) {
            return pause(plan, r, phase, target, e.getMessage());
        } catch (RuntimeException e) {
            // Refused, Unavailable, or a setting or credential that is wrong: the tick's decision is saved and its
            // outbox must still run, so a check that cannot be made is only said.
            return "; " + target.describe() + " not checked: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private String pause(Plan plan, Rollout r, Phase phase, Target target, String what) {
        Instant now = clock.instant();
        String why = target.describe() + " changed by hand: " + what + "; ringmaster paused rather than overwrite it:"
                + " resume to put the phase's audience back, promote --force to go on from here, or roll back";
        Rollout next = RolloutMachine.changedByHand(r, why, now);
        List<HistoryEntry> entries = List.of(
                new HistoryEntry(r.id(), now, next.version(), HistoryEntry.Kind.ACTION, "observe changed-by-hand", phase.name(),
                        "ringmaster", List.of(what)),
                new HistoryEntry(r.id(), now, next.version(), HistoryEntry.Kind.TRANSITION, r.state() + " → " + next.state(),
                        phase.name(), "ringmaster", List.of(why)));
        RolloutEvent event = new RolloutEvent(r.id(), next.version(), DecisionType.PAUSE, null, Action.NONE, NotifyEvent.CHANGED_BY_HAND,
                phase.name(), r.phaseIndex(), List.of(why), "ringmaster", now);
        try {
            store.save(next, r.version(), entries, Intent.of(event));
        } catch (VersionConflict e) {
            return "; " + target.describe() + " changed by hand, not recorded yet (another writer first): the next tick does";
        }
        try {
            bus.publish(event);
        } catch (RuntimeException e) {
            return "; " + why + " (the event is not on the bus yet: the next tick sends it)";
        }
        return "; " + why;
    }
}
