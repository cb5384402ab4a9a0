package dev.ringmaster.adapters.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key layout (docs/state.md): everything about one rollout shares the partition
 * {@code ROLLOUT#<id>}, so its state, history and intents are read with one query and written in one
 * transaction; each idempotency claim is its own partition, so claims never contend with rollouts.
 */
final class Keys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String STATE = "STATE";
    /** The plan's text, written once with the rollout: it sorts just before STATE, so one query reads both. */
    static final String PLAN = "PLAN";
    static final String HISTORY = "HIST#";
    static final String INTENT = "INTENT#";
    static final String CLAIM = "CLAIM";

    private Keys() {
    }

    static String rollout(String rolloutId) {
        return "ROLLOUT#" + rolloutId;
    }

    static Map<String, AttributeValue> state(String rolloutId) {
        return key(rollout(rolloutId), STATE);
    }

    static Map<String, AttributeValue> plan(String rolloutId) {
        return key(rollout(rolloutId), PLAN);
    }

    static Map<String, AttributeValue> history(String rolloutId, String entryKey) {
        return key(rollout(rolloutId), HISTORY + entryKey);
    }

    static Map<String, AttributeValue> intent(String rolloutId, String intentId) {
        return key(rollout(rolloutId), INTENT + intentId);
    }

    static Map<String, AttributeValue> claim(String claimKey) {
        return key(CLAIM + "#" + claimKey, CLAIM);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
