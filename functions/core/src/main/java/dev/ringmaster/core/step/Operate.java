package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operator commands (CLI, AWS console, scenario events): the same transitions as ticks, each recorded with
 * operator and reason, refused ones too. A command's intent is written with its transition; its event goes on
 * the bus after, and the outbox sends it again if that fails.
 */
public final class Operate {
    private final RolloutStore store;
    private final EventPublisher bus;
    private final TickScheduler scheduler;
    private final Clock clock;
    private final PlanCache plans;
    private final Capabilities capabilities;
    private final Duration tick;

    /** @param capabilities what this deployment can reach: a plan naming anything else is refused at start */
    public Operate(RolloutStore store, EventPublisher bus, TickScheduler scheduler, Clock clock, PlanCache plans,
                   Capabilities capabilities, Duration tick) {
        this.store = store;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
        this.plans = plans;
        this.capabilities = capabilities;
        this.tick = tick;
    }

    /**
     * Applies {@code command} to the rollout; {@code planYaml} is needed only by a start of a rollout not
     * stored yet.
     */
    public CommandResult handle(String rolloutId, Command command, String planYaml) {
        Instant now = clock.instant();
        Optional<StoredRollout> found = store.find(rolloutId);
        if (found.isEmpty()) {
            if (command.type() != Command.Type.START || planYaml == null) {
                return new CommandResult.Refused("no rollout " + rolloutId + ": start it with its plan first");
            }
            Plan plan = plans.get(rolloutId, planYaml);
            if (!plan.id().equals(rolloutId)) {
                return new CommandResult.Refused("the plan's metadata.name is '" + plan.id() + "', not '" + rolloutId + "'");
            }
            List<String> missing = capabilities.missing(plan);
            if (!missing.isEmpty()) {
                return new CommandResult.Refused("this deployment cannot carry out the plan: " + String.join("; ", missing));
            }
            // Judged before anything is stored: a refused start leaves no PENDING rollout behind.
            Optional<String> refused = command.after() != null ? restartable(command.after(), rolloutId) : Optional.empty();
            if (refused.isEmpty() && RolloutMachine.apply(plan, Rollout.pending(rolloutId), command, now) instanceof CommandResult.Refused r) {
                refused = Optional.of(r.reason());
            }
            if (refused.isPresent()) {
                return new CommandResult.Refused(refused.get());
            }
            try {
                store.create(new StoredRollout(Rollout.pending(rolloutId), planYaml), new HistoryEntry(rolloutId, now, 0,
                        HistoryEntry.Kind.COMMAND, "create", plan.phases().get(0).name(), operator(command), List.of("plan stored")));
            } catch (RolloutExists e) {
                // Another start got there first; the transition below settles which one wins.
            }
            found = store.find(rolloutId);
        }
        StoredRollout stored = found.orElseThrow();
        Plan plan = plans.get(rolloutId, stored.planYaml());
        Rollout r = stored.rollout();
        Optional<String> predecessor = command.type() == Command.Type.START && command.after() != null
                ? restartable(command.after(), rolloutId) : Optional.empty();
        CommandResult result = predecessor.<CommandResult>map(CommandResult.Refused::new)
                .orElseGet(() -> RolloutMachine.apply(plan, r, command, now));
        String what = command.type().key();
        String phase = plan.phases().get(r.phaseIndex()).name();
        if (result instanceof CommandResult.Refused refused) {
            store.append(new HistoryEntry(rolloutId, now, r.version(), HistoryEntry.Kind.REFUSED, what, phase,
                    operator(command), List.of(refused.reason())));
            return result;
        }
        CommandResult.Accepted accepted = (CommandResult.Accepted) result;
        Rollout next = accepted.rollout();
        String why = command.reason() == null || command.reason().isBlank() ? accepted.message() : accepted.message() + ": " + command.reason();
        Action action = action(command);
        // A cohort kill concerns the phase of that cohort, wherever the rollout is.
        int phaseIndex = action == Action.KILL_COHORT ? cohortPhase(plan, command.cohort()) : next.phaseIndex();
        RolloutEvent published = new RolloutEvent(rolloutId, next.version(), null, command.type(), action, event(command),
                plan.phases().get(phaseIndex).name(), phaseIndex, List.of(why), operator(command), now);
        try {
            store.save(next, r.version(), List.of(new HistoryEntry(rolloutId, now, next.version(), HistoryEntry.Kind.COMMAND,
                    what, plan.phases().get(next.phaseIndex()).name(), operator(command), List.of(why))), Intent.of(published));
        } catch (VersionConflict e) {
            return new CommandResult.Refused("the rollout changed while the command was applied; read its status and try again");
        }
        try {
            bus.publish(published);
        } catch (RuntimeException e) {
            // Written with its intent: the next tick sends it. The command itself is done.
        }
        if (command.after() != null && command.type() == Command.Type.START) {
            store.append(new HistoryEntry(command.after(), now, store.find(command.after()).map(s -> s.rollout().version()).orElse(0L),
                    HistoryEntry.Kind.COMMAND, "restarted", null, operator(command), List.of("restarted as " + rolloutId + " after its fix")));
        }
        if (command.type() == Command.Type.START) {
            scheduler.schedule(rolloutId, tick);
        }
        // A terminal rollout keeps its schedule until the tick finds its outbox empty: a promote's COMPLETE
        // that was lost must still be sent again.
        return accepted;
    }

    /**
     * Seed 002's "restart from phase 1 after a fix": a new rollout (the next version) names the one it
     * restarts, which must be rolled back and marked fixed; empty when it may, else why not.
     */
    private Optional<String> restartable(String after, String rolloutId) {
        if (after.equals(rolloutId)) {
            return Optional.of("--after names the rollout itself: a rolled-back, fixed version restarts with start, without --after");
        }
        Optional<StoredRollout> old = store.find(after);
        if (old.isEmpty()) {
            return Optional.of("no rollout " + after + " to restart after");
        }
        Rollout o = old.get().rollout();
        if (o.state() != RolloutState.ROLLED_BACK) {
            return Optional.of(after + " is " + o.state() + ": a restart follows a rollback (seed 002: restart from phase 1 after a fix)");
        }
        return o.fixed() ? Optional.empty() : Optional.of(after + " was rolled back and is not marked fixed: fix the root cause and mark it fixed first"
                + " (seed 003)");
    }

    private static int cohortPhase(Plan plan, String cohort) {
        for (int i = 0; i < plan.phases().size(); i++) {
            if (cohort.equals(plan.phases().get(i).cohort())) {
                return i;
            }
        }
        throw new IllegalStateException("no phase of cohort " + cohort + ": the state machine accepts only the plan's cohorts");
    }

    private static Action action(Command c) {
        return switch (c.type()) {
            case START -> Action.ENTER_PHASE;
            case RESUME -> Action.RESUME;
            case PAUSE -> Action.HALT;
            case ROLLBACK -> Action.ROLLBACK;
            case KILL -> c.cohort() != null ? Action.KILL_COHORT : Action.KILL;
            case PROMOTE -> Action.COMPLETE;
            case APPROVE, MARK_FIXED -> Action.NONE;
        };
    }

    private static NotifyEvent event(Command c) {
        return switch (c.type()) {
            case START -> NotifyEvent.STARTED;
            case PAUSE -> NotifyEvent.PAUSED;
            case RESUME -> NotifyEvent.RESUMED;
            case ROLLBACK -> NotifyEvent.ROLLED_BACK;
            case KILL -> NotifyEvent.KILLED;
            case PROMOTE -> NotifyEvent.PROMOTED;
            case APPROVE -> NotifyEvent.APPROVED;
            case MARK_FIXED -> NotifyEvent.FIXED;
        };
    }

    private static String operator(Command c) {
        return c.operator() == null || c.operator().isBlank() ? "unknown operator" : c.operator();
    }
}
