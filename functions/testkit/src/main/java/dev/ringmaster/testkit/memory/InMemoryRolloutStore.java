package dev.ringmaster.testkit.memory;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store in memory, with DynamoDB's semantics (conditional writes, version conflicts, idempotent history,
 * effect claims that expire, message claims): Monte Carlo runs use it, and the same contract suite runs against
 * both. Synchronized as a whole: it stands in for one table, not for throughput.
 */
public final class InMemoryRolloutStore implements RolloutStore {
    private final Map<String, StoredRollout> rollouts = new HashMap<>();
    private final Map<String, TreeMap<String, HistoryEntry>> history = new HashMap<>();
    private final Map<String, Message> messages = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Intent>> intents = new HashMap<>();

    private record Message(Instant until, boolean sent) {
    }

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
    public synchronized void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent) {
        StoredRollout current = rollouts.get(next.id());
        save(next, expectedVersion, entries, intent, current == null ? null : current.ledger());
    }

    @Override
    public synchronized void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent, String ledger) {
        StoredRollout current = rollouts.get(next.id());
        if (current == null || current.rollout().version() != expectedVersion) {
            throw new VersionConflict(next.id(), expectedVersion);
        }
        Effect effect = intent != null && intent.action() != Action.NONE ? current.effect().asked(intent, intent.at()) : current.effect();
        rollouts.put(next.id(), new StoredRollout(next, current.planYaml(), effect, ledger));
        if (intent != null) {
            intents.computeIfAbsent(next.id(), k -> new LinkedHashMap<>()).put(intent.id(), intent);
        }
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
    public synchronized Optional<Intent> intent(String rolloutId, String intentId) {
        return Optional.ofNullable(intents.getOrDefault(rolloutId, new LinkedHashMap<>()).get(intentId));
    }

    @Override
    public synchronized List<Intent> openIntents(String rolloutId) {
        return intents.getOrDefault(rolloutId, new LinkedHashMap<>()).values().stream().filter(Intent::open)
                .sorted(Comparator.comparingLong(Intent::version)).toList();
    }

    @Override
    public synchronized Claim claimEffect(Intent intent, Instant now, Instant until) {
        StoredRollout s = rollouts.get(intent.rolloutId());
        Effect e = s == null ? Effect.NONE : s.effect();
        if (e.version() != intent.version() || !intent.id().equals(e.intentId())) {
            return new Claim.Superseded(e);
        }
        if (e.settled()) {
            return new Claim.Settled(e);
        }
        if (e.holder() != null && e.heldUntil() != null && e.heldUntil().isAfter(now)) {
            return new Claim.Busy(e.holder(), e.heldUntil());
        }
        put(s, new Effect(e.version(), e.action(), e.intentId(), Effect.Status.IN_PROGRESS, e.attempts(), e.error(), e.at(),
                e.retryAt(), intent.id(), until));
        return new Claim.Claimed(e);
    }

    @Override
    public synchronized Settlement.Result settleEffect(Settlement st) {
        Intent intent = st.intent();
        StoredRollout s = rollouts.get(intent.rolloutId());
        Effect e = s.effect();
        if (!intent.id().equals(e.holder())) {
            actionEntries(st).forEach(this::append);
            return Settlement.Result.CLAIM_LOST;
        }
        if (e.version() != intent.version()) {
            put(s, new Effect(e.version(), e.action(), e.intentId(), e.status(), e.attempts(), e.error(), e.at(), e.retryAt(), null, null));
            close(intent, (st.outcome() != null ? st.outcome() : "failed: " + st.error()) + " (overtaken during the call by v"
                    + e.version() + " " + e.action().call() + ")", st.at());
            actionEntries(st).forEach(this::append);
            return Settlement.Result.SUPERSEDED;
        }
        if (st.confirmed() != null && s.rollout().version() != st.expectedVersion()) {
            return Settlement.Result.VERSION_CONFLICT;
        }
        int attempts = st.status() == Effect.Status.FAILED ? e.attempts() + 1 : e.attempts();
        Effect settled = new Effect(e.version(), e.action(), e.intentId(), st.status(), attempts, st.error(), st.at(), st.retryAt(),
                null, null);
        rollouts.put(intent.rolloutId(), new StoredRollout(st.confirmed() != null ? st.confirmed() : s.rollout(), s.planYaml(), settled, s.ledger()));
        if (st.outcome() != null) {
            close(intent, st.outcome(), st.at());
        }
        st.entries().forEach(this::append);
        return Settlement.Result.SETTLED;
    }

    @Override
    public synchronized void supersede(Intent intent, HistoryEntry entry) {
        Intent stored = intents.getOrDefault(intent.rolloutId(), new LinkedHashMap<>()).get(intent.id());
        if (stored != null && stored.actionOpen()) {
            close(intent, "superseded: " + entry.reasons().get(0), entry.at());
            append(entry);
        }
    }

    @Override
    public synchronized void markNotified(String rolloutId, String intentId) {
        Map<String, Intent> byId = intents.get(rolloutId);
        Intent i = byId == null ? null : byId.get(intentId);
        if (i != null) {
            byId.put(intentId, new Intent(i.event(), i.outcome(), i.doneAt(), true));
        }
    }

    @Override
    public synchronized MessageClaim claim(String key, Instant now, Instant until) {
        Message m = messages.get(key);
        if (m != null && now.isBefore(m.until())) {
            return m.sent() ? MessageClaim.SENT : MessageClaim.HELD;
        }
        messages.put(key, new Message(until, false));
        return MessageClaim.CLAIMED;
    }

    @Override
    public synchronized void complete(String key, Instant keepUntil) {
        messages.put(key, new Message(keepUntil, true));
    }

    @Override
    public synchronized void release(String key) {
        messages.remove(key);
    }

    private void put(StoredRollout s, Effect effect) {
        rollouts.put(s.rollout().id(), new StoredRollout(s.rollout(), s.planYaml(), effect, s.ledger()));
    }

    private void close(Intent intent, String outcome, Instant at) {
        Map<String, Intent> byId = intents.get(intent.rolloutId());
        Intent i = byId.get(intent.id());
        byId.put(intent.id(), new Intent(i.event(), outcome, at, i.notified()));
    }

    private static List<HistoryEntry> actionEntries(Settlement st) {
        List<HistoryEntry> out = new ArrayList<>();
        st.entries().stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION).forEach(out::add);
        return out;
    }
}
