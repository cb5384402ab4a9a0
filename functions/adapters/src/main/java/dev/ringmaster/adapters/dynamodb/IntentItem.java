package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.Intent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An {@code INTENT#<id>} item. {@code outcome} is absent while the intent is open, which is what the open-intents filter tests. */
final class IntentItem {
    static final String OUTCOME = "outcome";
    static final String DONE_AT = "doneAt";

    private IntentItem() {
    }

    static Map<String, AttributeValue> of(Intent intent) {
        return Item.keyed(Keys.intent(intent.rolloutId(), intent.id()))
                .with("rolloutId", intent.rolloutId())
                .with("intentId", intent.id())
                .with("action", intent.action())
                .with("phaseIndex", intent.phaseIndex())
                .with("version", intent.version())
                .with("at", intent.at())
                .with(OUTCOME, intent.outcome())
                .with(DONE_AT, intent.doneAt())
                .map();
    }

    static Intent from(Map<String, AttributeValue> values) {
        Item item = Item.of(values);
        return new Intent(item.string("rolloutId"), item.string("intentId"), item.string("action"), item.integer("phaseIndex"),
                item.number("version"), item.instant("at"), item.string(OUTCOME), item.instant(DONE_AT));
    }
}
