package dev.ringmaster.adapters.dynamodb;

import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Claim;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Settlement;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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
    /** On a message claim: the message went out (a later claim is refused as SENT, not HELD). */
    static final String SENT = "sent";
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
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .put(put(StateItem.of(rollout)).conditionExpression("attribute_not_exists(" + Keys.PK + ")").build())
                .build());
        Map<String, AttributeValue> plan = StateItem.plan(rollout);
        if (plan != null) {
            writes.add(TransactWriteItem.builder().put(put(plan).build()).build());
        }
        writes.add(TransactWriteItem.builder().put(put(HistoryItem.of(created)).build()).build());
        if (!transact(writes)) {
            throw new RolloutExists(id);
        }
    }

    @Override
    public Optional<StoredRollout> find(String rolloutId) {
        // PLAN and STATE are adjacent sort keys: one strongly consistent query reads both.
        List<Map<String, AttributeValue>> items = client.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :plan AND :state")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.rollout(rolloutId)),
                        ":plan", AttributeValue.fromS(Keys.PLAN), ":state", AttributeValue.fromS(Keys.STATE)))).items();
        Map<String, AttributeValue> state = null;
        Map<String, AttributeValue> plan = null;
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.STATE)) {
                state = item;
            } else if (sk.equals(Keys.PLAN)) {
                plan = item;
            }
        }
        return state == null ? Optional.empty() : Optional.of(StateItem.from(state, plan));
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
                .items().stream().map(state -> find(state.get("rolloutId").s())).flatMap(Optional::stream).toList();
    }

    @Override
    public void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent) {
        save(next, expectedVersion, entries, intent, false, null);
    }

    @Override
    public void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent, String ledger) {
        save(next, expectedVersion, entries, intent, true, ledger);
    }

    private void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent, boolean withLedger,
                      String ledger) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(stateUpdate(next, expectedVersion, intent, withLedger, ledger)).build());
        if (intent != null) {
            // No condition: its id carries the version this very write creates, so no other write has it.
            writes.add(TransactWriteItem.builder().put(put(IntentItem.of(intent)).build()).build());
        }
        writes.addAll(historyPuts(entries));
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
        return query(rolloutId, Keys.HISTORY, null, Map.of()).stream().map(HistoryItem::from).toList();
    }

    @Override
    public Optional<Intent> intent(String rolloutId, String intentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Keys.intent(rolloutId, intentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IntentItem.from(item));
    }

    /**
     * In version order, not sort-key order: "v10-halt" sorts before "v9-enter", and sending them in that order
     * would look as if a phase were entered after it was halted.
     */
    @Override
    public List<Intent> openIntents(String rolloutId) {
        return query(rolloutId, Keys.INTENT, "attribute_not_exists(#outcome) OR #notified = :false",
                Map.of("#outcome", IntentItem.OUTCOME, "#notified", IntentItem.NOTIFIED)).stream()
                .map(IntentItem::from)
                .sorted(Comparator.comparingLong(Intent::version))
                .toList();
    }

    /**
     * One conditional update settles every race: the intent must still be the rollout's effect (a later save
     * moved {@code effectVersion} on), unsettled, and nobody may hold the rollout's claim unless it expired.
     * The old item tells the claimer how many tries failed before.
     */
    @Override
    public Claim claimEffect(Intent intent, Instant now, Instant until) {
        Map<String, String> names = new HashMap<>();
        names.put("#ev", StateItem.EFFECT_VERSION);
        names.put("#ei", StateItem.EFFECT_INTENT);
        names.put("#st", StateItem.EFFECT_STATUS);
        names.put("#holder", StateItem.HOLDER);
        names.put("#until", StateItem.HELD_UNTIL);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":v", AttributeValue.fromN(Long.toString(intent.version())));
        values.put(":id", AttributeValue.fromS(intent.id()));
        values.put(":pending", AttributeValue.fromS(Effect.Status.PENDING.name()));
        values.put(":failed", AttributeValue.fromS(Effect.Status.FAILED.name()));
        values.put(":acting", AttributeValue.fromS(Effect.Status.IN_PROGRESS.name()));
        values.put(":now", millis(now));
        values.put(":until", millis(until));
        try {
            Map<String, AttributeValue> old = client.updateItem(b -> b.tableName(table).key(Keys.state(intent.rolloutId()))
                    .updateExpression("SET #st = :acting, #holder = :id, #until = :until")
                    .conditionExpression("#ev = :v AND #ei = :id AND #st IN (:pending, :failed, :acting)"
                            + " AND (attribute_not_exists(#until) OR #until <= :now)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return new Claim.Claimed(StateItem.effect(Item.of(old)));
        } catch (ConditionalCheckFailedException e) {
            Effect current = find(intent.rolloutId()).map(StoredRollout::effect).orElse(Effect.NONE);
            if (current.version() != intent.version()) {
                return new Claim.Superseded(current);
            }
            if (current.settled()) {
                return new Claim.Settled(current);
            }
            return new Claim.Busy(current.holder(), current.heldUntil());
        }
    }

    /**
     * One transaction: the effect's status and the claim's release on STATE (conditioned on holding the claim
     * for the current effect, and on the version when the answer moves the rollout), the intent's outcome, the
     * history. When the condition fails the item says which race was lost.
     */
    @Override
    public Settlement.Result settleEffect(Settlement s) {
        Intent intent = s.intent();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>(List.of("#holder", "#until"));
        names.put("#holder", StateItem.HOLDER);
        names.put("#until", StateItem.HELD_UNTIL);
        names.put("#ev", StateItem.EFFECT_VERSION);
        names.put("#st", StateItem.EFFECT_STATUS);
        names.put("#at", StateItem.EFFECT_AT);
        names.put("#err", StateItem.EFFECT_ERROR);
        names.put("#retry", StateItem.EFFECT_RETRY_AT);
        values.put(":id", AttributeValue.fromS(intent.id()));
        values.put(":v", AttributeValue.fromN(Long.toString(intent.version())));
        values.put(":st", AttributeValue.fromS(s.status().name()));
        values.put(":at", AttributeValue.fromS(s.at().toString()));
        set.add("#st = :st");
        set.add("#at = :at");
        if (s.error() != null) {
            values.put(":err", AttributeValue.fromS(s.error()));
            set.add("#err = :err");
        } else {
            remove.add("#err");
        }
        if (s.retryAt() != null) {
            values.put(":retry", AttributeValue.fromS(s.retryAt().toString()));
            set.add("#retry = :retry");
        } else {
            remove.add("#retry");
        }
        if (s.status() == Effect.Status.FAILED) {
            names.put("#attempts", StateItem.EFFECT_ATTEMPTS);
            values.put(":one", AttributeValue.fromN("1"));
            set.add("#attempts = #attempts + :one");
        }
        String condition = "#holder = :id AND #ev = :v";
        if (s.confirmed() != null) {
            Map<String, AttributeValue> present = StateItem.attributes(s.confirmed());
            for (String attribute : StateItem.ROLLOUT_ATTRIBUTES) {
                names.put("#r_" + attribute, attribute);
                if (present.containsKey(attribute)) {
                    set.add("#r_" + attribute + " = :r_" + attribute);
                    values.put(":r_" + attribute, present.get(attribute));
                } else {
                    remove.add("#r_" + attribute);
                }
            }
            values.put(":expected", AttributeValue.fromN(Long.toString(s.expectedVersion())));
            condition += " AND #r_" + StateItem.VERSION + " = :expected";
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(Keys.state(intent.rolloutId()))
                .updateExpression("SET " + String.join(", ", set) + " REMOVE " + String.join(", ", remove))
                .conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        if (s.outcome() != null) {
            writes.add(TransactWriteItem.builder().update(outcomeUpdate(intent, s.outcome(), s.at())).build());
        }
        writes.addAll(historyPuts(s.entries()));
        if (transact(writes)) {
            return Settlement.Result.SETTLED;
        }
        Effect current = find(intent.rolloutId()).map(StoredRollout::effect).orElse(Effect.NONE);
        if (!intent.id().equals(current.holder())) {
            s.entries().stream().filter(e -> e.kind() == HistoryEntry.Kind.ACTION).forEach(this::append);
            return Settlement.Result.CLAIM_LOST;
        }
        if (current.version() != intent.version()) {
            // A later intent was saved while the call ran: record the call, release the claim, leave the new effect be.
            List<TransactWriteItem> release = new ArrayList<>();
            release.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(Keys.state(intent.rolloutId()))
                    .updateExpression("REMOVE #holder, #until").conditionExpression("#holder = :id")
                    .expressionAttributeNames(Map.of("#holder", StateItem.HOLDER, "#until", StateItem.HELD_UNTIL))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(intent.id()))).build()).build());
            release.add(TransactWriteItem.builder().update(outcomeUpdate(intent, (s.outcome() != null ? s.outcome() : "failed: " + s.error())
                    + " (overtaken during the call by v" + current.version() + " " + current.action().call() + ")", s.at())).build());
            release.addAll(historyPuts(s.entries().stream().filter(e -> e.kind() == HistoryEntry.Kind.ACTION).toList()));
            return transact(release) ? Settlement.Result.SUPERSEDED : Settlement.Result.CLAIM_LOST;
        }
        return Settlement.Result.VERSION_CONFLICT;
    }

    @Override
    public void supersede(Intent intent, HistoryEntry entry) {
        String outcome = "superseded: " + entry.reasons().get(0);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(outcomeUpdate(intent, outcome, entry.at()).toBuilder()
                .conditionExpression("attribute_not_exists(#outcome)").build()).build());
        writes.addAll(historyPuts(List.of(entry)));
        // The condition is the intent's, first in the list: false means it was settled meanwhile, which is fine.
        transact(writes);
    }

    @Override
    public void markNotified(String rolloutId, String intentId) {
        try {
            client.updateItem(b -> b.tableName(table).key(Keys.intent(rolloutId, intentId))
                    .updateExpression("SET #notified = :true")
                    .conditionExpression("attribute_exists(" + Keys.SK + ")")
                    .expressionAttributeNames(Map.of("#notified", IntentItem.NOTIFIED))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException unknown) {
            // no such intent (an event from before the outbox): nothing to mark
        }
    }

    @Override
    public MessageClaim claim(String key, Instant now, Instant until) {
        Map<String, AttributeValue> item = claimItem(key, until, false);
        try {
            // An expired claim may still be there (TTL deletes lazily, up to days late): it counts as absent.
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + Keys.PK + ") OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT_MILLIS))
                    .expressionAttributeValues(Map.of(":now", millis(now))));
            return MessageClaim.CLAIMED;
        } catch (ConditionalCheckFailedException claimed) {
            Map<String, AttributeValue> held = client.getItem(b -> b.tableName(table).key(Keys.claim(key)).consistentRead(true)).item();
            return held != null && held.containsKey(SENT) && held.get(SENT).bool() ? MessageClaim.SENT : MessageClaim.HELD;
        }
    }

    @Override
    public void complete(String key, Instant keepUntil) {
        client.putItem(b -> b.tableName(table).item(claimItem(key, keepUntil, true)));
    }

    @Override
    public void release(String key) {
        client.deleteItem(b -> b.tableName(table).key(Keys.claim(key)));
    }

    private Map<String, AttributeValue> claimItem(String key, Instant expires, boolean sent) {
        return Item.keyed(Keys.claim(key))
                // rounded up so TTL never deletes a claim before it expires
                .with(EXPIRES_AT, expires.plusMillis(999).getEpochSecond())
                .with(EXPIRES_AT_MILLIS, expires.toEpochMilli())
                .with(SENT, sent)
                .map();
    }

    private Update outcomeUpdate(Intent intent, String outcome, Instant at) {
        return Update.builder().tableName(table).key(Keys.intent(intent.rolloutId(), intent.id()))
                .updateExpression("SET #outcome = :outcome, #doneAt = :doneAt")
                .expressionAttributeNames(Map.of("#outcome", IntentItem.OUTCOME, "#doneAt", IntentItem.DONE_AT))
                .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromS(outcome), ":doneAt", AttributeValue.fromS(at.toString())))
                .build();
    }

    /** One transaction may not touch an item twice: the same entry listed twice is written once. */
    private List<TransactWriteItem> historyPuts(List<HistoryEntry> entries) {
        Map<String, HistoryEntry> distinct = new LinkedHashMap<>();
        entries.forEach(e -> distinct.putIfAbsent(e.rolloutId() + "/" + e.key(), e));
        return distinct.values().stream().map(e -> TransactWriteItem.builder().put(put(HistoryItem.of(e)).build()).build()).toList();
    }

    private static AttributeValue millis(Instant t) {
        return AttributeValue.fromN(Long.toString(t.toEpochMilli()));
    }

    /** The items of one rollout whose sort key starts with {@code prefix}, in sort-key order, over every page. */
    private List<Map<String, AttributeValue>> query(String rolloutId, String prefix, String filter, Map<String, String> filterNames) {
        Map<String, String> names = new HashMap<>(filterNames);
        names.put("#pk", Keys.PK);
        names.put("#sk", Keys.SK);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(Keys.rollout(rolloutId)));
        values.put(":prefix", AttributeValue.fromS(prefix));
        if (filter != null && filter.contains(":false")) {
            values.put(":false", AttributeValue.fromBool(false));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
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
    private Update stateUpdate(Rollout next, long expectedVersion, Intent intent, boolean withLedger, String ledger) {
        Map<String, AttributeValue> present = StateItem.attributes(next);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        if (withLedger) {
            names.put("#" + StateItem.LEDGER, StateItem.LEDGER);
            if (ledger != null) {
                set.add("#" + StateItem.LEDGER + " = :" + StateItem.LEDGER);
                values.put(":" + StateItem.LEDGER, AttributeValue.fromS(ledger));
            } else {
                remove.add("#" + StateItem.LEDGER);
            }
        }
        for (String attribute : StateItem.ROLLOUT_ATTRIBUTES) {
            names.put("#" + attribute, attribute);
            if (present.containsKey(attribute)) {
                set.add("#" + attribute + " = :" + attribute);
                values.put(":" + attribute, present.get(attribute));
            } else {
                remove.add("#" + attribute);
            }
        }
        if (intent != null && intent.action() != Action.NONE) {
            // The intent becomes the effect; an older step still acting keeps its claim until it settles.
            Map<String, AttributeValue> effect = Map.of(StateItem.EFFECT_VERSION, AttributeValue.fromN(Long.toString(intent.version())),
                    StateItem.EFFECT_ACTION, AttributeValue.fromS(intent.action().name()),
                    StateItem.EFFECT_INTENT, AttributeValue.fromS(intent.id()),
                    StateItem.EFFECT_STATUS, AttributeValue.fromS(Effect.Status.PENDING.name()),
                    StateItem.EFFECT_ATTEMPTS, AttributeValue.fromN("0"),
                    StateItem.EFFECT_AT, AttributeValue.fromS(intent.at().toString()));
            effect.forEach((attribute, value) -> {
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, value);
                set.add("#" + attribute + " = :" + attribute);
            });
            for (String cleared : List.of(StateItem.EFFECT_ERROR, StateItem.EFFECT_RETRY_AT)) {
                names.put("#" + cleared, cleared);
                remove.add("#" + cleared);
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
