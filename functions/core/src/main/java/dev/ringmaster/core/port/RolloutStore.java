package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where rollouts, their history, their intents (the outbox) and message claims live. Every implementation keeps
 * the same contract (one contract suite runs against each): a transition is written only if the stored version
 * is still the one read, together with its history and its intent, or not at all; an action is claimed only
 * while its intent is the rollout's current effect and no other step holds the claim.
 */
public interface RolloutStore {

    /** Stores a new rollout with no effect; {@link RolloutExists} if the id is taken. */
    void create(StoredRollout rollout, HistoryEntry created);

    Optional<StoredRollout> find(String rolloutId);

    /** Rollouts that are not terminal: the local runner schedules them again after a restart. */
    List<StoredRollout> active();

    /**
     * Writes {@code next}, its history entries and {@code intent} (may be null) atomically, only if the stored
     * version is still {@code expectedVersion}; otherwise {@link VersionConflict} and nothing is written. An
     * intent whose action is not NONE becomes the rollout's effect ({@link Effect#asked}): every older intent
     * is superseded from then on.
     */
    void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent);

    /**
     * {@link #save(Rollout, long, List, Intent)} by a tick, with its gate ledger written in the same conditional
     * write (null removes it: the phase changed). Any other save leaves the ledger as it is.
     */
    void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent, String ledger);

    /** {@link #save(Rollout, long, List, Intent)} of a change that publishes nothing (a HOLD). */
    default void save(Rollout next, long expectedVersion, List<HistoryEntry> entries) {
        save(next, expectedVersion, entries, null);
    }

    /** Adds an entry that changes no state (a HOLD, a refused command); the same entry twice is stored once. */
    void append(HistoryEntry entry);

    /** The rollout's history, oldest first. */
    List<HistoryEntry> history(String rolloutId);

    /** One intent, open or settled. */
    Optional<Intent> intent(String rolloutId, String intentId);

    /** Intents with their action or their notification still open, oldest version first. */
    List<Intent> openIntents(String rolloutId);

    /**
     * Claims {@code intent}'s action until {@code until}: only if it is the rollout's current effect, not yet
     * settled, and no step holds the rollout's claim (or the holder's claim expired before {@code now}).
     */
    Claim claimEffect(Intent intent, Instant now, Instant until);

    /** Records how a claimed action went and releases the claim (see {@link Settlement.Result}). */
    Settlement.Result settleEffect(Settlement settlement);

    /** Closes an open intent that a later one overtook, with the history entry that says so; a settled one stays. */
    void supersede(Intent intent, HistoryEntry entry);

    /** Every notify rule listening for the intent's event was told; nothing happens for an unknown intent. */
    void markNotified(String rolloutId, String intentId);

    /**
     * Claims one message ({@code key}) until {@code until}: CLAIMED for the first caller (and for the next once
     * a claim expired unsent), HELD while another caller holds it, SENT once it was {@link #complete completed}.
     */
    MessageClaim claim(String key, Instant now, Instant until);

    enum MessageClaim {
        CLAIMED, HELD, SENT
    }

    /** The message went out: every later claim of {@code key} is refused until {@code keepUntil}. */
    void complete(String key, Instant keepUntil);

    /** The message did not go out: the next claim of {@code key} may send it. */
    void release(String key);
}
