package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code STATE} item: every component of a {@link Rollout}, the version the writes are conditioned on, the
 * plan text, and the rollout's current {@link Effect} with its action claim. A save writes the rollout's
 * attributes (and resets the effect when it carries a new intent); only claims and settlements write the rest,
 * so a tick never overwrites what a step recorded and neither waits on the other's version.
 */
final class StateItem {
    static final String VERSION = "version";
    static final String STATE = "state";
    static final String PLAN = "planYaml";
    /** The tick's gate ledger (GateLedger.encode): written only by a tick's save. */
    static final String LEDGER = "gateLedger";
    static final String EFFECT_VERSION = "effectVersion";
    static final String EFFECT_ACTION = "effectAction";
    static final String EFFECT_INTENT = "effectIntent";
    static final String EFFECT_STATUS = "effectStatus";
    static final String EFFECT_ATTEMPTS = "effectAttempts";
    static final String EFFECT_ERROR = "effectError";
    static final String EFFECT_AT = "effectAt";
    static final String EFFECT_RETRY_AT = "effectRetryAt";
    static final String HOLDER = "holder";
    /** Epoch millis, so claim conditions compare numbers. */
    static final String HELD_UNTIL = "heldUntilMillis";

    /** Every attribute a {@link Rollout} owns: a save sets those present and removes the rest, so a field set to null is cleared. */
    static final List<String> ROLLOUT_ATTRIBUTES = List.of("rolloutId", STATE, "phaseIndex", "phaseEnteredAt", "startedAt",
            VERSION, "approvedPhase", "fixed", "hotfix", "reason", "lastDecision", "sourceErrors", "firstPhase", "approvers", "after",
            "stoppedAt");

    private StateItem() {
    }

    /** The STATE item; the plan's text goes in its own item ({@link #plan}), so a tick's write does not carry it. */
    static Map<String, AttributeValue> of(StoredRollout stored) {
        return rollout(Item.keyed(Keys.state(stored.rollout().id())), stored.rollout())
                .with(EFFECT_VERSION, stored.effect().version())
                .with(EFFECT_ACTION, stored.effect().action().name())
                .with(EFFECT_STATUS, stored.effect().status().name())
                .with(EFFECT_ATTEMPTS, stored.effect().attempts())
                .map();
    }

    /** The rollout's own attributes without the key, nulls absent. */
    static Map<String, AttributeValue> attributes(Rollout rollout) {
        return rollout(Item.keyed(Map.of()), rollout).map();
    }

    /** The PLAN item, written once with the rollout; null when it has no plan text. */
    static Map<String, AttributeValue> plan(StoredRollout stored) {
        return stored.planYaml() == null ? null : Item.keyed(Keys.plan(stored.rollout().id())).with(PLAN, stored.planYaml()).map();
    }

    /**
     * @param plan the PLAN item, or null; a STATE item written before the plan had its own item carries the text itself
     */
    static StoredRollout from(Map<String, AttributeValue> values, Map<String, AttributeValue> plan) {
        Item item = Item.of(values);
        String planYaml = item.has(PLAN) ? item.string(PLAN) : plan == null ? null : Item.of(plan).string(PLAN);
        Rollout rollout = new Rollout(item.string("rolloutId"), RolloutState.valueOf(item.string(STATE)),
                item.integer("phaseIndex"), item.instant("phaseEnteredAt"), item.instant("startedAt"), item.number(VERSION),
                item.integer("approvedPhase"), item.bool("fixed"), item.bool("hotfix"), item.string("reason"),
                item.string("lastDecision"), item.integer("sourceErrors"), item.has("firstPhase") ? item.integer("firstPhase") : 0,
                item.strings("approvers"), item.string("after"), item.instant("stoppedAt"));
        return new StoredRollout(rollout, planYaml, effect(item), item.string(LEDGER));
    }

    static Effect effect(Item item) {
        if (!item.has(EFFECT_STATUS)) {
            return Effect.NONE;
        }
        Instant heldUntil = item.has(HELD_UNTIL) ? Instant.ofEpochMilli(item.number(HELD_UNTIL)) : null;
        return new Effect(item.number(EFFECT_VERSION), Action.valueOf(item.string(EFFECT_ACTION)), item.string(EFFECT_INTENT),
                Effect.Status.valueOf(item.string(EFFECT_STATUS)), item.integer(EFFECT_ATTEMPTS), item.string(EFFECT_ERROR),
                item.instant(EFFECT_AT), item.instant(EFFECT_RETRY_AT), item.string(HOLDER), heldUntil);
    }

    private static Item rollout(Item item, Rollout rollout) {
        return item.with("rolloutId", rollout.id())
                .with(STATE, rollout.state().name())
                .with("phaseIndex", rollout.phaseIndex())
                .with("phaseEnteredAt", rollout.phaseEnteredAt())
                .with("startedAt", rollout.startedAt())
                .with(VERSION, rollout.version())
                .with("approvedPhase", rollout.approvedPhase())
                .with("fixed", rollout.fixed())
                .with("hotfix", rollout.hotfix())
                .with("reason", rollout.reason())
                .with("lastDecision", rollout.lastDecision())
                .with("sourceErrors", rollout.sourceErrors())
                .with("firstPhase", rollout.firstPhase())
                .with("approvers", rollout.approvers())
                .with("after", rollout.after())
                .with("stoppedAt", rollout.stoppedAt());
    }
}
