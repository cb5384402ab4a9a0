package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operator commands (CLI, AWS console, scenario events): the same transitions as ticks, each recorded with
 * operator and reason, refused ones too.
 */
public final class Operate {
    private final Ports ports;
    private final PlanCache plans;
    private final Duration tick;

    public Operate(Ports ports, PlanCache plans, Duration tick) {
        this.ports = ports;
        this.plans = plans;
        this.tick = tick;
    }

    /**
     * Applies {@code command} to the rollout; {@code planYaml} is needed only by a start of a rollout not
     * stored yet.
     */
    public CommandResult handle(String rolloutId, Command command, String planYaml) {
        Instant now = ports.clock().instant();
        Optional<StoredRollout> found = ports.store().find(rolloutId);
        if (found.isEmpty()) {
            if (command.type() != Command.Type.START || planYaml == null) {
                return new CommandResult.Refused("no rollout " + rolloutId + ": start it with its plan first");
            }
            Plan plan = plans.get(rolloutId, planYaml);
            if (!plan.id().equals(rolloutId)) {
                return new CommandResult.Refused("the plan's metadata.name is '" + plan.id() + "', not '" + rolloutId + "'");
            }
            try {
                ports.store().create(new StoredRollout(Rollout.pending(rolloutId), planYaml), new HistoryEntry(rolloutId, now, 0,
                        HistoryEntry.Kind.COMMAND, "create", plan.phases().get(0).name(), operator(command), List.of("plan stored")));
            } catch (RolloutExists e) {
                // Another start got there first; the transition below settles which one wins.
            }
            found = ports.store().find(rolloutId);
        }
        StoredRollout stored = found.orElseThrow();
        Plan plan = plans.get(rolloutId, stored.planYaml());
        Rollout r = stored.rollout();
        CommandResult result = RolloutMachine.apply(plan, r, command, now);
        String what = command.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String phase = plan.phases().get(r.phaseIndex()).name();
        if (result instanceof CommandResult.Refused refused) {
            ports.store().append(new HistoryEntry(rolloutId, now, r.version(), HistoryEntry.Kind.REFUSED, what, phase,
                    operator(command), List.of(refused.reason())));
            return result;
        }
        CommandResult.Accepted accepted = (CommandResult.Accepted) result;
        Rollout next = accepted.rollout();
        String why = command.reason() == null || command.reason().isBlank() ? accepted.message() : accepted.message() + ": " + command.reason();
        try {
            ports.store().save(next, r.version(), List.of(new HistoryEntry(rolloutId, now, next.version(), HistoryEntry.Kind.COMMAND,
                    what, plan.phases().get(next.phaseIndex()).name(), operator(command), List.of(why))));
        } catch (VersionConflict e) {
            return new CommandResult.Refused("the rollout changed while the command was applied; read its status and try again");
        }
        Action action = action(command, r, next);
        RolloutEvent published = new RolloutEvent(rolloutId, next.version(), what, action, event(command, next),
                plan.phases().get(next.phaseIndex()).name(), next.phaseIndex(), List.of(why), operator(command), now);
        Effects.expect(ports, published);
        ports.bus().publish(published);
        if (command.type() == Command.Type.START) {
            ports.scheduler().schedule(rolloutId, tick);
        } else if (next.state().terminal()) {
            ports.scheduler().unschedule(rolloutId);
        }
        return accepted;
    }

    private static Action action(Command c, Rollout before, Rollout after) {
        return switch (c.type()) {
            case START -> Action.ENTER_PHASE;
            case RESUME -> before.state() == RolloutState.PAUSED || before.state() == RolloutState.HALTED ? Action.ENTER_PHASE : Action.NONE;
            case PAUSE -> Action.HALT;
            case ROLLBACK, KILL -> Action.ROLLBACK;
            case PROMOTE -> Action.COMPLETE;
            case APPROVE, MARK_FIXED -> Action.NONE;
        };
    }

    private static String event(Command c, Rollout next) {
        return switch (c.type()) {
            case START -> "started";
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case ROLLBACK -> "rolled-back";
            case KILL -> "killed";
            case PROMOTE -> "promoted";
            case APPROVE -> "approved";
            case MARK_FIXED -> "held";
        };
    }

    private static String operator(Command c) {
        return c.operator() == null || c.operator().isBlank() ? "unknown operator" : c.operator();
    }
}
