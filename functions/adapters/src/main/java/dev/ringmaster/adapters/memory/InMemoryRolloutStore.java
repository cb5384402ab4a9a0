package dev.ringmaster.adapters.memory;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store in memory, with DynamoDB's semantics (conditional writes, version conflicts, idempotent history,
 * expiring idempotency keys): Monte Carlo runs use it, and the same contract tests run against both.
 * Synchronized as a whole: it stands in for one table, not for throughput.
 */
public final class InMemoryRolloutStore implements RolloutStore {
    private final Map<String, StoredRollout> rollouts = new HashMap<>();
    private final Map<String, TreeMap<String, HistoryEntry>> history = new HashMap<>();
    private final Map<String, Instant> claims = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Intent>> intents = new HashMap<>();

    @Override
    public synchronized void create(StoredRollout rollout, HistoryEntry created) {
        String id = rollout.rollout().id();
        if (rollouts.containsKey(id)) {
            throw new RolloutExists(id);
        }
        rollouts.put(id, rollout);
        append(created);
    }

    @Override
    public synchronized Optional<StoredRollout> find(String rolloutId) {
        return Optional.ofNullable(rollouts.get(rolloutId));
    }

    @Override
    public synchronized List<StoredRollout> active() {
        return rollouts.values().stream().filter(s -> !s.rollout().state().terminal()).toList();
    }

    @Override
    public synchronized void save(Rollout next, long expectedVersion, List<HistoryEntry> entries) {
        StoredRollout current = rollouts.get(next.id());
        if (current == null || current.rollout().version() != expectedVersion) {
            throw new VersionConflict(next.id(), expectedVersion);
        }
        rollouts.put(next.id(), new StoredRollout(next, current.planYaml()));
        entries.forEach(this::append);
    }

    @Override
    public synchronized void append(HistoryEntry entry) {
        history.computeIfAbsent(entry.rolloutId(), k -> new TreeMap<>()).putIfAbsent(entry.key(), entry);
    }

    @Override
    public synchronized List<HistoryEntry> history(String rolloutId) {
        return List.copyOf(history.getOrDefault(rolloutId, new TreeMap<>()).values());
    }

    @Override
    public synchronized boolean claim(String key, Instant now, Duration ttl) {
        Instant expires = claims.get(key);
        if (expires != null && now.isBefore(expires)) {
            return false;
        }
        claims.put(key, now.plus(ttl));
        return true;
    }

    @Override
    public synchronized void recordIntent(Intent intent) {
        intents.computeIfAbsent(intent.rolloutId(), k -> new LinkedHashMap<>()).putIfAbsent(intent.id(), intent);
    }

    @Override
    public synchronized void recordOutcome(String rolloutId, String intentId, String outcome, Instant at) {
        Map<String, Intent> byId = intents.get(rolloutId);
        Intent intent = byId == null ? null : byId.get(intentId);
        if (intent == null) {
            throw new IllegalStateException("no intent " + intentId + " of " + rolloutId + " to complete");
        }
        byId.put(intentId, intent.done(outcome, at));
    }

    @Override
    public synchronized Optional<Intent> intent(String rolloutId, String intentId) {
        return Optional.ofNullable(intents.getOrDefault(rolloutId, new LinkedHashMap<>()).get(intentId));
    }

    @Override
    public synchronized List<Intent> openIntents(String rolloutId) {
        List<Intent> out = new ArrayList<>();
        intents.getOrDefault(rolloutId, new LinkedHashMap<>()).values().stream().filter(Intent::open).forEach(out::add);
        return out;
    }
}
