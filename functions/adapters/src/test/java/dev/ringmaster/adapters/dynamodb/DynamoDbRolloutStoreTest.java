package dev.ringmaster.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** What the contract cannot see: the items themselves, on DynamoDB Local. */
class DynamoDbRolloutStoreTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2100-01-01T08:00:00.250Z");
    private static final HistoryEntry CREATED = new HistoryEntry("r1", T0, 0, HistoryEntry.Kind.COMMAND, "start", null, "alice",
            List.of("ringmaster start"));

    private final DynamoDbClient client = DynamoDbLocal.client();
    private String table;
    private DynamoDbRolloutStore store;

    @BeforeEach
    void freshTable() {
        table = "layout-" + TABLES.incrementAndGet();
        DynamoDbRolloutStore.createTable(client, table);
        store = new DynamoDbRolloutStore(client, table);
    }

    @Test
    void tableIsPayPerRequestKeyedOnPkAndSkWithTtlOnExpiresAt() {
        TableDescription described = client.describeTable(b -> b.tableName(table)).table();
        TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();

        assertEquals(BillingMode.PAY_PER_REQUEST, described.billingModeSummary().billingMode());
        assertEquals(List.of(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()), described.keySchema());
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void stateHistoryAndIntentsShareTheRolloutPartition() {
        store.create(new StoredRollout(Rollout.pending("r1"), "plan text"), CREATED);
        store.save(new Rollout("r1", RolloutState.RUNNING, 0, T0, T0, 1, -1, false, false, "started"), 0, List.of(),
                Intent.of(new RolloutEvent("r1", 1, null, Command.Type.START, Action.ENTER_PHASE, NotifyEvent.STARTED, "phase-1", 0,
                        List.of("started"), "alice", T0)));

        List<Map<String, AttributeValue>> items = client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ROLLOUT#r1")))).items();

        assertEquals(List.of("HIST#" + CREATED.key(), "INTENT#v1", "PLAN", "STATE"), items.stream().map(i -> i.get("sk").s()).toList());
        assertEquals("plan text", items.get(2).get("planYaml").s(), "the plan in an item of its own, written once");
        Map<String, AttributeValue> state = items.get(3);
        assertEquals("1", state.get("version").n());
        assertEquals("RUNNING", state.get("state").s());
        assertFalse(state.containsKey("planYaml"), "so a tick's write does not carry (and pay for) the plan");
        assertEquals("1", state.get("effectVersion").n(), "the intent is the effect, written in the same transaction");
        assertEquals("PENDING", state.get("effectStatus").s());
    }

    @Test
    void aStateItemWrittenBeforeThePlanHadItsOwnItem_isReadWithItsPlan() {
        store.create(new StoredRollout(Rollout.pending("old"), "old plan text"), CREATED);
        // the layout before: the plan's text inside the STATE item, no PLAN item
        client.updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("ROLLOUT#old"), "sk", AttributeValue.fromS("STATE")))
                .updateExpression("SET planYaml = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("old plan text"))));
        client.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("ROLLOUT#old"), "sk", AttributeValue.fromS("PLAN"))));

        assertEquals(Optional.of(new StoredRollout(Rollout.pending("old"), "old plan text")), store.find("old"));
    }

    @Test
    void nullFieldsAreAbsentAttributesNotEmptyOnes() {
        store.create(new StoredRollout(new Rollout("r1", RolloutState.RUNNING, 1, T0, T0, 0, -1, false, false, "go", "HOLD", 0), null),
                CREATED);
        store.save(new Rollout("r1", RolloutState.PAUSED, 1, null, null, 1, -1, false, false, null, null, 0), 0, List.of());

        Set<String> attributes = stateItem("r1").keySet();

        assertEquals(Set.of("pk", "sk", "rolloutId", "state", "phaseIndex", "version", "approvedPhase", "fixed", "hotfix", "sourceErrors", "firstPhase",
                "effectVersion", "effectAction", "effectStatus", "effectAttempts"), attributes);
    }

    @Test
    void aClaimIsItsOwnItemWithTtlRoundedUpToTheSecond() {
        store.claim("asc-webhook-42", T0, T0.plus(Duration.ofMinutes(10)));

        Map<String, AttributeValue> claim = client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("CLAIM#asc-webhook-42"), "sk", AttributeValue.fromS("CLAIM")))).item();

        assertEquals(Long.toString(T0.plusSeconds(601).getEpochSecond()), claim.get("expiresAt").n(), "TTL never deletes it early");
        assertEquals(Long.toString(T0.plusSeconds(600).toEpochMilli()), claim.get("expiresAtMillis").n());
    }

    @Test
    void anExpiredClaimTtlHasNotDeletedYetIsClaimable() {
        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("asc-webhook-42", T0, T0.plus(Duration.ofMinutes(10))));
        assertTrue(client.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("CLAIM#asc-webhook-42"), "sk", AttributeValue.fromS("CLAIM")))).hasItem());

        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("asc-webhook-42", T0.plusSeconds(600), T0.plusSeconds(1200)));
        assertEquals(RolloutStore.MessageClaim.HELD, store.claim("asc-webhook-42", T0.plusSeconds(601), T0.plusSeconds(1201)));
    }

    private Map<String, AttributeValue> stateItem(String rolloutId) {
        return client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("ROLLOUT#" + rolloutId), "sk", AttributeValue.fromS("STATE")))).item();
    }
}
