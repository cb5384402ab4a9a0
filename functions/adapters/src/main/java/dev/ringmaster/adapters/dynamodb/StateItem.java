package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code STATE} item: every component of a {@link Rollout}, the version the writes are conditioned on, and the plan text. */
final class StateItem {
    static final String VERSION = "version";
    static final String STATE = "state";
    static final String PLAN = "planYaml";

    /** Every attribute a {@link Rollout} owns: a save sets those present and removes the rest, so a field set to null is cleared. */
    static final List<String> ROLLOUT_ATTRIBUTES = List.of("rolloutId", STATE, "phaseIndex", "phaseEnteredAt", "startedAt",
            VERSION, "approvedPhase", "fixed", "hotfix", "reason", "lastDecision", "sourceErrors");

    private StateItem() {
    }

    static Map<String, AttributeValue> of(StoredRollout stored) {
        return rollout(Item.keyed(Keys.state(stored.rollout().id())), stored.rollout()).with(PLAN, stored.planYaml()).map();
    }

    /** The rollout's own attributes without the key, nulls absent. */
    static Map<String, AttributeValue> attributes(Rollout rollout) {
        return rollout(Item.keyed(Map.of()), rollout).map();
    }

    static StoredRollout from(Map<String, AttributeValue> values) {
        Item item = Item.of(values);
        Rollout rollout = new Rollout(item.string("rolloutId"), RolloutState.valueOf(item.string(STATE)),
                item.integer("phaseIndex"), item.instant("phaseEnteredAt"), item.instant("startedAt"), item.number(VERSION),
                item.integer("approvedPhase"), item.bool("fixed"), item.bool("hotfix"), item.string("reason"),
                item.string("lastDecision"), item.integer("sourceErrors"));
        return new StoredRollout(rollout, item.string(PLAN));
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
                .with("sourceErrors", rollout.sourceErrors());
    }
}
