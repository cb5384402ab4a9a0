package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.HistoryEntry;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@code HIST#<key>} item. The sort key starts with the zero-padded epoch millis of {@link HistoryEntry#key()},
 * so the table's own sort order is the history's time order.
 */
final class HistoryItem {

    private HistoryItem() {
    }

    static Map<String, AttributeValue> of(HistoryEntry entry) {
        return Item.keyed(Keys.history(entry.rolloutId(), entry.key()))
                .with("rolloutId", entry.rolloutId())
                .with("at", entry.at())
                .with("version", entry.version())
                .with("kind", entry.kind().name())
                .with("what", entry.what())
                .with("phase", entry.phase())
                .with("operator", entry.operator())
                .with("reasons", entry.reasons())
                .map();
    }

    static HistoryEntry from(Map<String, AttributeValue> values) {
        Item item = Item.of(values);
        return new HistoryEntry(item.string("rolloutId"), item.instant("at"), item.number("version"),
                HistoryEntry.Kind.valueOf(item.string("kind")), item.string("what"), item.string("phase"),
                item.string("operator"), item.strings("reasons"));
    }
}
