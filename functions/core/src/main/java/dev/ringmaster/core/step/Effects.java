package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TargetState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The side effects of an event on targets and flags, each wrapped in an intent: recorded before, completed
 * after. Re-running an intent is safe because every target call is idempotent.
 */
final class Effects {
    private final Ports ports;

    Effects(Ports ports) {
        this.ports = ports;
    }

    /** Performs {@code action} once for (rollout, version); a second call for the same event does nothing. */
    Optional<String> once(Plan plan, StoredRollout stored, Action action, int phaseIndex, long version) {
        String id = intentId(version, action);
        String rolloutId = stored.rollout().id();
        // At-least-once delivery: an event seen again after its action completed does nothing. Two copies
        // racing may both act, which is safe because every target call is idempotent.
        if (ports.store().intent(rolloutId, id).filter(i -> !i.open()).isPresent()) {
            return Optional.empty();
        }
        Intent intent = new Intent(rolloutId, id, action.name(), phaseIndex, version, ports.clock().instant(), null, null);
        ports.store().recordIntent(intent);
        return Optional.of(perform(plan, stored, intent));
    }

    static String intentId(long version, Action action) {
        return "v" + version + "-" + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Records the action an event asks for before the event is published: if the bus loses the event (or
     * the function crashes), the next tick finds the intent open and applies it itself.
     */
    static void expect(Ports ports, RolloutEvent event) {
        if (event.action() != Action.NONE) {
            ports.store().recordIntent(new Intent(event.rolloutId(), intentId(event.version(), event.action()), event.action().name(),
                    event.phaseIndex(), event.version(), event.at(), null, null));
        }
    }

    /** Re-applies an intent a crash left open. */
    String repair(Plan plan, StoredRollout stored, Intent intent) {
        return perform(plan, stored, intent);
    }

    private String perform(Plan plan, StoredRollout stored, Intent intent) {
        Phase phase = plan.phases().get(intent.phaseIndex());
        Target target = plan.targetOf(phase);
        RolloutTarget adapter = ports.target(target.type());
        String version = plan.version() == null ? stored.rollout().id() : plan.version();
        Instant now = ports.clock().instant();
        String outcome;
        try {
            TargetState state = switch (Action.valueOf(intent.action())) {
                case ENTER_PHASE -> {
                    TargetState s = adapter.enter(target, phase, version);
                    writeFlags(plan, phase, target, true);
                    yield s;
                }
                case COMPLETE -> adapter.complete(target, version);
                case HALT -> adapter.halt(target, phase, version);
                case ROLLBACK -> {
                    TargetState s = adapter.rollback(target, phase, version);
                    writeFlags(plan, phase, target, false);
                    yield s;
                }
                case NONE -> null;
            };
            outcome = state == null ? "done" : "done: " + target.type().key + " " + state.status()
                    + (Double.isNaN(state.percent()) ? "" : " at " + dev.ringmaster.core.plan.Numbers.plain(state.percent()) + "%")
                    + (state.detail() == null || state.detail().isEmpty() ? "" : " (" + state.detail() + ")");
        } catch (RolloutTarget.Refused e) {
            outcome = "failed: " + target.type().key + " refused: " + e.getMessage();
        }
        ports.store().recordOutcome(intent.rolloutId(), intent.id(), outcome, now);
        ports.store().append(new HistoryEntry(intent.rolloutId(), now, intent.version(), HistoryEntry.Kind.ACTION,
                intent.action(), phase.name(), "ringmaster", List.of(outcome)));
        return outcome;
    }

    /** Phase flags on entry; on rollback the cohort's kill-switch flag off (seed 004). */
    private void writeFlags(Plan plan, Phase phase, Target target, boolean entering) {
        FlagStore store = flagStore(plan, target);
        if (store == null) {
            return;
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        if (entering) {
            flags.putAll(phase.flags());
        }
        if (plan.killSwitch() != null && plan.killSwitch().cohortFlag() != null && phase.cohort() != null) {
            flags.put(plan.killSwitch().cohortFlagFor(phase.cohort()), entering);
        }
        if (!flags.isEmpty()) {
            ports.flags().write(store, flags);
        }
    }

    /** The kill switch: the global canary flag off (seed 004 "system.canary.enabled"). */
    void throwKillSwitch(Plan plan) {
        Target target = plan.target();
        FlagStore store = flagStore(plan, target);
        if (store != null && plan.killSwitch() != null) {
            ports.flags().write(store, Map.of(plan.killSwitch().flag(), false));
        }
    }

    static FlagStore flagStore(Plan plan, Target target) {
        if (plan.flagStore() != null) {
            return plan.flagStore();
        }
        if (target != null && target.type() == TargetType.FEATURE_FLAG) {
            Map<String, Object> keys = new LinkedHashMap<>(target.keys());
            keys.remove("flag");
            return new FlagStore(target.key("provider"), keys);
        }
        return null;
    }
}
