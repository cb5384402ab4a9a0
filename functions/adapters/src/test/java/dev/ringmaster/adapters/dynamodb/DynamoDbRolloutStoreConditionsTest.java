package dev.ringmaster.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Rollout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The exact conditions the transactions carry, and how each cancellation reason is answered: a failed STATE
 * condition is the port's exception, a TransactionConflict is retried, anything else is rethrown.
 */
class DynamoDbRolloutStoreConditionsTest {
    private static final HistoryEntry CREATED = new HistoryEntry("r1", Instant.parse("2100-01-01T08:00:00Z"), 0,
            HistoryEntry.Kind.COMMAND, "start", null, "alice", List.of("ringmaster start"));

    @Test
    void saveConditionsTheStateOnTheVersionItRead() {
        ScriptedTransactions scripted = new ScriptedTransactions();

        new DynamoDbRolloutStore(scripted, "t").save(Rollout.pending("r1"), 41, List.of(CREATED, CREATED));

        List<TransactWriteItem> items = scripted.requests.get(0).transactItems();
        assertEquals("#version = :expected", items.get(0).update().conditionExpression());
        assertEquals("version", items.get(0).update().expressionAttributeNames().get("#version"));
        assertEquals("41", items.get(0).update().expressionAttributeValues().get(":expected").n());
        assertEquals(2, items.size(), "the state and the one distinct entry: a transaction may not write an item twice");
    }

    @Test
    void createConditionsOnNoStateItem() {
        ScriptedTransactions scripted = new ScriptedTransactions().cancel("ConditionalCheckFailed", "None");

        assertThrows(RolloutExists.class,
                () -> new DynamoDbRolloutStore(scripted, "t").create(new StoredRollout(Rollout.pending("r1"), "p"), CREATED));

        assertEquals("attribute_not_exists(pk)", scripted.requests.get(0).transactItems().get(0).put().conditionExpression());
    }

    @Test
    void aTransactionConflictIsRetriedUntilTheVersionConditionDecides() {
        ScriptedTransactions scripted = new ScriptedTransactions()
                .cancel("TransactionConflict", "None")
                .cancel("None", "TransactionConflict")
                .cancel("ConditionalCheckFailed", "None");

        assertThrows(VersionConflict.class, () -> new DynamoDbRolloutStore(scripted, "t").save(Rollout.pending("r1"), 0, List.of(CREATED)));

        assertEquals(3, scripted.requests.size());
    }

    @Test
    void aTransactionConflictThatClearsIsWritten() {
        ScriptedTransactions scripted = new ScriptedTransactions().cancel("TransactionConflict", "None");

        new DynamoDbRolloutStore(scripted, "t").save(Rollout.pending("r1"), 0, List.of(CREATED));

        assertEquals(2, scripted.requests.size());
    }

    @Test
    void aTransactionConflictThatPersistsIsRethrownAfterFiveAttempts() {
        ScriptedTransactions scripted = new ScriptedTransactions();
        for (int i = 0; i < 5; i++) {
            scripted.cancel("TransactionConflict", "None");
        }

        assertThrows(TransactionCanceledException.class,
                () -> new DynamoDbRolloutStore(scripted, "t").save(Rollout.pending("r1"), 0, List.of(CREATED)));

        assertEquals(5, scripted.requests.size());
    }

    @Test
    void aCancellationForAnotherReasonIsRethrownNotAVersionConflict() {
        ScriptedTransactions scripted = new ScriptedTransactions().cancel("None", "ValidationError");

        assertThrows(TransactionCanceledException.class,
                () -> new DynamoDbRolloutStore(scripted, "t").save(Rollout.pending("r1"), 0, List.of(CREATED)));

        assertEquals(1, scripted.requests.size());
    }
}
