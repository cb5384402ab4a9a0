package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@code INTENT#<id>} item: the event it was published as, its action's {@code outcome} (absent while
 * open) and whether people were told ({@code notified}); the open-intents filter tests both.
 */
final class IntentItem {
    static final String OUTCOME = "outcome";
    static final String DONE_AT = "doneAt";
    static final String NOTIFIED = "notified";

    private IntentItem() {
    }

    static Map<String, AttributeValue> of(Intent intent) {
        RolloutEvent e = intent.event();
        return Item.keyed(Keys.intent(intent.rolloutId(), intent.id()))
                .with("rolloutId", e.rolloutId())
                .with("intentId", intent.id())
                .with("version", e.version())
                .with("decision", e.cause())
                .with("action", e.action().name())
                .with("event", e.event().key)
                .with("phase", e.phase())
                .with("phaseIndex", e.phaseIndex())
                .with("reasons", e.reasons())
                .with("operator", e.operator())
                .with("at", e.at())
                .with(OUTCOME, intent.outcome())
                .with(DONE_AT, intent.doneAt())
                .with(NOTIFIED, intent.notified())
                .map();
    }

    static Intent from(Map<String, AttributeValue> values) {
        Item item = Item.of(values);
        RolloutEvent e = RolloutEvent.of(item.string("rolloutId"), item.number("version"), item.string("decision"),
                Action.valueOf(item.string("action")), NotifyEvent.of(item.string("event")).orElseThrow(), item.string("phase"),
                item.integer("phaseIndex"), item.strings("reasons"), item.string("operator"), item.instant("at"));
        return new Intent(e, item.string(OUTCOME), item.instant(DONE_AT), item.bool(NOTIFIED));
    }
}
