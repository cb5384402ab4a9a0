package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The {@link RolloutStore} on one DynamoDB table (layout and reasons in docs/state.md). Every race is settled
 * by a condition on a single write, never by reading first: the loser's write is rejected by DynamoDB and
 * comes back as the port's exception ({@link VersionConflict}, {@link RolloutExists}) or answer
 * ({@code claim} false). All reads are strongly consistent, so a caller never decides on a version older
 * than one it has just written.
 */
public final class DynamoDbRolloutStore implements RolloutStore {
    /** DynamoDB's TTL attribute (epoch seconds) on claim items. */
    static final String EXPIRES_AT = "expiresAt";
    /** The exact expiry the claim condition compares: TTL deletes hours late and only to the second. */
    static final String EXPIRES_AT_MILLIS = "expiresAtMillis";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final int CONFLICT_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbRolloutStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** Creates the table on demand (DynamoDB Local, tests) and returns once it is ACTIVE; in the cloud the CDK stack owns it. */
    public static void createTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(Keys.PK), stringAttribute(Keys.SK))
                .keySchema(KeySchemaElement.builder().attributeName(Keys.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(Keys.SK).keyType(KeyType.RANGE).build()));
        try (DynamoDbWaiter waiter = client.waiter()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
        client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(EXPIRES_AT)));
    }

    @Override
    public void create(StoredRollout rollout, HistoryEntry created) {
        String id = rollout.rollout().id();
        // attribute_not_exists: two starts of the same id both pass any read-first check; only one put passes this.
        TransactWriteItem state = TransactWriteItem.builder()
                .put(put(StateItem.of(rollout)).conditionExpression("attribute_not_exists(" + Keys.PK + ")").build())
                .build();
        if (!transact(List.of(state, TransactWriteItem.builder().put(put(HistoryItem.of(created)).build()).build()))) {
            throw new RolloutExists(id);
        }
    }

    @Override
    public Optional<StoredRollout> find(String rolloutId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Keys.state(rolloutId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StateItem.from(item));
    }

    /** A Scan: the local runner calls this once at start-up over a handful of rollouts; the cloud schedules per rollout instead. */
    @Override
    public List<StoredRollout> active() {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", AttributeValue.fromS(Keys.STATE));
        List<String> terminal = new ArrayList<>();
        Arrays.stream(RolloutState.values()).filter(RolloutState::terminal).forEach(s -> {
            terminal.add(":" + s.name());
            values.put(":" + s.name(), AttributeValue.fromS(s.name()));
        });
        return client.scanPaginator(b -> b.tableName(table)
                        .consistentRead(true)
                        .filterExpression("#sk = :state AND NOT (#state IN (" + String.join(", ", terminal) + "))")
                        .expressionAttributeNames(Map.of("#sk", Keys.SK, "#state", StateItem.STATE))
                        .expressionAttributeValues(values))
                .items().stream().map(StateItem::from).toList();
    }

    @Override
    public void save(Rollout next, long expectedVersion, List<HistoryEntry> entries) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(stateUpdate(next, expectedVersion)).build());
        // One transaction may not touch an item twice: the same entry listed twice is written once.
        Map<String, HistoryEntry> distinct = new LinkedHashMap<>();
        entries.forEach(e -> distinct.putIfAbsent(e.rolloutId() + "/" + e.key(), e));
        distinct.values().forEach(e -> writes.add(TransactWriteItem.builder().put(put(HistoryItem.of(e)).build()).build()));
        if (!transact(writes)) {
            throw new VersionConflict(next.id(), expectedVersion);
        }
    }

    @Override
    public void append(HistoryEntry entry) {
        try {
            // attribute_not_exists: a retried tick re-appends its HOLD; the first write stands.
            client.putItem(b -> b.tableName(table).item(HistoryItem.of(entry)).conditionExpression("attribute_not_exists(" + Keys.SK + ")"));
        } catch (ConditionalCheckFailedException alreadyStored) {
            // the same entry is already there: appending is idempotent
        }
    }

    @Override
    public List<HistoryEntry> history(String rolloutId) {
        return query(rolloutId, Keys.HISTORY, null).stream().map(HistoryItem::from).toList();
    }

    @Override
    public boolean claim(String key, Instant now, Duration ttl) {
        Instant expires = now.plus(ttl);
        Map<String, AttributeValue> item = Item.keyed(Keys.claim(key))
                // rounded up so TTL never deletes a claim before it expires
                .with(EXPIRES_AT, expires.plusMillis(999).getEpochSecond())
                .with(EXPIRES_AT_MILLIS, expires.toEpochMilli())
                .map();
        try {
            // An expired claim may still be there (TTL deletes lazily, up to days late): it counts as absent.
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + Keys.PK + ") OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT_MILLIS))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException claimed) {
            return false;
        }
    }

    @Override
    public void recordIntent(Intent intent) {
        try {
            // attribute_not_exists: a re-delivered event records its intent again; the first (maybe already done) stays.
            client.putItem(b -> b.tableName(table).item(IntentItem.of(intent)).conditionExpression("attribute_not_exists(" + Keys.SK + ")"));
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // keep the first
        }
    }

    @Override
    public void recordOutcome(String rolloutId, String intentId, String outcome, Instant at) {
        try {
            // attribute_exists: an update alone would create a half item for an intent nobody recorded.
            client.updateItem(b -> b.tableName(table).key(Keys.intent(rolloutId, intentId))
                    .updateExpression("SET #outcome = :outcome, #doneAt = :doneAt")
                    .conditionExpression("attribute_exists(" + Keys.SK + ")")
                    .expressionAttributeNames(Map.of("#outcome", IntentItem.OUTCOME, "#doneAt", IntentItem.DONE_AT))
                    .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromS(outcome), ":doneAt", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException unknown) {
            throw new IllegalStateException("no intent " + intentId + " of " + rolloutId + " to complete");
        }
    }

    @Override
    public Optional<Intent> intent(String rolloutId, String intentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Keys.intent(rolloutId, intentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IntentItem.from(item));
    }

    /**
     * In version order, not sort-key order: "v10-halt" sorts before "v9-enter-phase", and repairing them in that
     * order would re-enter a phase after halting it.
     */
    @Override
    public List<Intent> openIntents(String rolloutId) {
        return query(rolloutId, Keys.INTENT, "attribute_not_exists(" + IntentItem.OUTCOME + ")").stream()
                .map(IntentItem::from)
                .sorted(Comparator.comparingLong(Intent::version).thenComparing(Intent::at))
                .toList();
    }

    /** The items of one rollout whose sort key starts with {@code prefix}, in sort-key order, over every page. */
    private List<Map<String, AttributeValue>> query(String rolloutId, String prefix, String filter) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.rollout(rolloutId)), ":prefix", AttributeValue.fromS(prefix)));
        if (filter != null) {
            request.filterExpression(filter);
        }
        return client.queryPaginator(request.build()).items().stream().toList();
    }

    /**
     * Sets every rollout attribute and removes those now null, only if the stored version is still the one the
     * caller read: of two ticks that read version n, the first to write moves it to n+1 and the other's
     * condition fails, so a phase advances once.
     */
    private Update stateUpdate(Rollout next, long expectedVersion) {
        Map<String, AttributeValue> present = StateItem.attributes(next);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String attribute : StateItem.ROLLOUT_ATTRIBUTES) {
            names.put("#" + attribute, attribute);
            if (present.containsKey(attribute)) {
                set.add("#" + attribute + " = :" + attribute);
                values.put(":" + attribute, present.get(attribute));
            } else {
                remove.add("#" + attribute);
            }
        }
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return Update.builder().tableName(table).key(Keys.state(next.id()))
                .updateExpression(expression)
                .conditionExpression("#" + StateItem.VERSION + " = :expected")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private Put.Builder put(Map<String, AttributeValue> item) {
        return Put.builder().tableName(table).item(item);
    }

    /**
     * Writes {@code writes} (the STATE write first) as one transaction: true if written, false if the STATE
     * condition failed. DynamoDB cancels a transaction that overlaps another one in flight on the same item
     * (TransactionConflict) without checking its condition and without writing anything; the SDK does not retry
     * that, so it is retried here until the condition decides, or the conflict persists and is rethrown.
     * Any other cancellation reason is rethrown as is.
     */
    private boolean transact(List<TransactWriteItem> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(b -> b.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.hasCancellationReasons()
                        ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                        : List.of();
                if (!codes.isEmpty() && CONDITION_FAILED.equals(codes.get(0))) {
                    return false;
                }
                if (!codes.contains(TRANSACTION_CONFLICT) || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** Backs off with jitter, so the writers that collided do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 20L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting transaction", e);
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
