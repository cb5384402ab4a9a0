package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where rollouts, their history, idempotency keys and intents live. Every implementation keeps the same
 * contract (one contract test suite runs against each): a transition is written only if the stored version
 * is still the one read, together with its history, or not at all.
 */
public interface RolloutStore {

    /** Stores a new rollout; {@link RolloutExists} if the id is taken. */
    void create(StoredRollout rollout, HistoryEntry created);

    Optional<StoredRollout> find(String rolloutId);

    /** Rollouts that are not terminal: the local runner schedules them again after a restart. */
    List<StoredRollout> active();

    /**
     * Writes {@code next} and its history entries atomically, only if the stored version is still
     * {@code expectedVersion}; otherwise {@link VersionConflict} and nothing is written.
     */
    void save(Rollout next, long expectedVersion, List<HistoryEntry> entries);

    /** Adds an entry that changes no state (a HOLD, a refused command); the same entry twice is stored once. */
    void append(HistoryEntry entry);

    /** The rollout's history, oldest first. */
    List<HistoryEntry> history(String rolloutId);

    /** True for the first caller of {@code key} until it expires after {@code ttl}; false for every later one. */
    boolean claim(String key, Instant now, Duration ttl);

    /** Records an intent before its action; the same id twice keeps the first. */
    void recordIntent(Intent intent);

    /** Marks the intent done (or failed) with what happened. */
    void recordOutcome(String rolloutId, String intentId, String outcome, Instant at);

    /** One intent, open or done. */
    Optional<Intent> intent(String rolloutId, String intentId);

    /** Intents recorded and never completed: actions a crash may have interrupted. */
    List<Intent> openIntents(String rolloutId);
}
