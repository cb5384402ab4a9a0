package dev.ringmaster.adapters.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RolloutStore} must do, run against each implementation: a subclass only says how to get
 * an empty store. Times are fixed and after the wall clock, so a TTL sweeper (DynamoDB Local, LocalStack)
 * never deletes a claim the test still expects to hold.
 */
public abstract class RolloutStoreContract {
    private static final Instant T0 = Instant.parse("2100-01-01T08:00:00Z");
    private static final String PLAN = "rollout: r\nphases:\n  - name: ring-0\n";

    protected RolloutStore store;

    /** A store with nothing in it. */
    protected abstract RolloutStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void createThenFindReturnsTheRolloutItsPlanAndItsHistory() {
        HistoryEntry created = entry("r1", T0, 0, "start");
        store.create(new StoredRollout(running("r1", 0), PLAN), created);

        assertEquals(Optional.of(new StoredRollout(running("r1", 0), PLAN)), store.find("r1"));
        assertEquals(List.of(created), store.history("r1"));
    }

    @Test
    void findOfAnUnknownRolloutIsEmpty() {
        assertEquals(Optional.empty(), store.find("nobody"));
        assertEquals(List.of(), store.history("nobody"));
    }

    @Test
    void createTwiceIsRolloutExists() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));

        assertThrows(RolloutExists.class, () -> store.create(new StoredRollout(running("r1", 5), "other plan"),
                entry("r1", T0.plusSeconds(1), 5, "start again")));

        assertEquals(Optional.of(new StoredRollout(running("r1", 0), PLAN)), store.find("r1"));
        assertEquals(List.of(entry("r1", T0, 0, "start")), store.history("r1"));
    }

    @Test
    void saveWritesStateAndHistoryTogether() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        Rollout next = running("r1", 1);
        List<HistoryEntry> entries = List.of(entry("r1", T0.plusSeconds(60), 1, "ADVANCE"), entry("r1", T0.plusSeconds(61), 1, "enter"));

        store.save(next, 0, entries);

        assertEquals(Optional.of(new StoredRollout(next, PLAN)), store.find("r1"), "state changed, plan text kept");
        assertEquals(List.of(entry("r1", T0, 0, "start"), entries.get(0), entries.get(1)), store.history("r1"));
    }

    @Test
    void saveWithStaleVersionIsVersionConflictAndWritesNothing() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        store.save(running("r1", 1), 0, List.of(entry("r1", T0.plusSeconds(60), 1, "ADVANCE")));
        List<HistoryEntry> before = store.history("r1");

        assertThrows(VersionConflict.class,
                () -> store.save(running("r1", 1), 0, List.of(entry("r1", T0.plusSeconds(61), 1, "stale ADVANCE"))));

        assertEquals(Optional.of(new StoredRollout(running("r1", 1), PLAN)), store.find("r1"));
        assertEquals(before, store.history("r1"));
    }

    @Test
    void saveWithAVersionAheadOfTheStoredOneIsVersionConflict() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));

        assertThrows(VersionConflict.class, () -> store.save(running("r1", 3), 2, List.of()));

        assertEquals(0, store.find("r1").orElseThrow().rollout().version());
    }

    @Test
    void saveOfAnUnknownRolloutIsVersionConflictAndCreatesNothing() {
        assertThrows(VersionConflict.class, () -> store.save(running("ghost", 1), 0, List.of(entry("ghost", T0, 1, "ADVANCE"))));

        assertEquals(Optional.empty(), store.find("ghost"));
        assertEquals(List.of(), store.history("ghost"));
    }

    @Test
    void saveClearsFieldsSetToNull() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        Rollout cleared = new Rollout("r1", RolloutState.PENDING, 0, null, null, 1, -1, false, false, null, null, 0);

        store.save(cleared, 0, List.of());

        assertEquals(cleared, store.find("r1").orElseThrow().rollout());
    }

    @Test
    void appendingTheSameEntryTwiceStoresItOnce() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        HistoryEntry hold = entry("r1", T0.plusSeconds(300), 0, "HOLD");

        store.append(hold);
        store.append(hold);

        assertEquals(List.of(entry("r1", T0, 0, "start"), hold), store.history("r1"));
    }

    @Test
    void appendingAnEntryWithAStoredKeyKeepsTheFirst() {
        HistoryEntry first = entry("r1", T0, 0, "HOLD");
        HistoryEntry sameKey = new HistoryEntry("r1", T0, 0, HistoryEntry.Kind.DECISION, "HOLD", "ring-1", "retry", List.of("later"));

        store.append(first);
        store.append(sameKey);

        assertEquals(List.of(first), store.history("r1"));
    }

    @Test
    void historyIsOldestFirst() {
        HistoryEntry a = entry("r1", T0, 0, "a");
        HistoryEntry b = entry("r1", T0.plusMillis(1), 0, "b");
        HistoryEntry c = entry("r1", T0.plusSeconds(3600), 1, "c");
        HistoryEntry d = entry("r1", T0.plus(Duration.ofDays(400)), 2, "d");

        List.of(c, a, d, b).forEach(store::append);

        assertEquals(List.of(a, b, c, d), store.history("r1"));
    }

    @Test
    void historyOfOneRolloutLeavesOutRolloutsWithALongerId() {
        store.append(entry("r1", T0, 0, "mine"));
        store.append(entry("r10", T0, 0, "not mine"));

        assertEquals(List.of(entry("r1", T0, 0, "mine")), store.history("r1"));
    }

    @Test
    void claimIsTrueOnceUntilItExpires() {
        Duration ttl = Duration.ofMinutes(10);

        assertTrue(store.claim("webhook-1", T0, ttl), "first claim");
        assertFalse(store.claim("webhook-1", T0, ttl), "same instant");
        assertFalse(store.claim("webhook-1", T0.plus(ttl).minusMillis(1), ttl), "a millisecond before expiry");
        assertTrue(store.claim("webhook-1", T0.plus(ttl), ttl), "at expiry the key is free again");
        assertFalse(store.claim("webhook-1", T0.plus(ttl).plusSeconds(1), ttl), "claimed again until the new expiry");
    }

    @Test
    void claimsOfDifferentKeysAreIndependent() {
        assertTrue(store.claim("webhook-1", T0, Duration.ofHours(1)));
        assertTrue(store.claim("webhook-2", T0, Duration.ofHours(1)));
    }

    @Test
    void intentRecordedTwiceKeepsTheFirst() {
        Intent first = intent("r1", "v1-enter-phase", "ENTER_PHASE", T0);

        store.recordIntent(first);
        store.recordIntent(intent("r1", "v1-enter-phase", "HALT", T0.plusSeconds(5)));

        assertEquals(Optional.of(first), store.intent("r1", "v1-enter-phase"));
    }

    @Test
    void intentRecordedAgainAfterItsOutcomeStaysDone() {
        Intent open = intent("r1", "v1-enter-phase", "ENTER_PHASE", T0);
        store.recordIntent(open);
        store.recordOutcome("r1", "v1-enter-phase", "done: userFraction 0.1", T0.plusSeconds(2));

        store.recordIntent(open);

        assertEquals(Optional.of(open.done("done: userFraction 0.1", T0.plusSeconds(2))), store.intent("r1", "v1-enter-phase"));
        assertEquals(List.of(), store.openIntents("r1"));
    }

    @Test
    void openIntentsListOnlyUncompleted() {
        store.recordIntent(intent("r1", "v1-enter-phase", "ENTER_PHASE", T0));
        store.recordIntent(intent("r1", "v2-halt", "HALT", T0.plusSeconds(60)));
        store.recordIntent(intent("r1", "v3-rollback", "ROLLBACK", T0.plusSeconds(120)));
        store.recordIntent(intent("r2", "v1-enter-phase", "ENTER_PHASE", T0));
        store.recordOutcome("r1", "v2-halt", "failed: 503", T0.plusSeconds(61));

        assertEquals(Set.of(intent("r1", "v1-enter-phase", "ENTER_PHASE", T0), intent("r1", "v3-rollback", "ROLLBACK", T0.plusSeconds(120))),
                Set.copyOf(store.openIntents("r1")));
    }

    @Test
    void openIntentsAreOldestVersionFirst() {
        Intent enter = new Intent("r1", "v9-enter-phase", "ENTER_PHASE", 2, 9, T0, null, null);
        Intent halt = new Intent("r1", "v10-halt", "HALT", 2, 10, T0.plusSeconds(60), null, null);
        store.recordIntent(enter);
        store.recordIntent(halt);

        assertEquals(List.of(enter, halt), store.openIntents("r1"), "repairs replay the actions in the order they were decided");
    }

    @Test
    void recordOutcomeOfUnknownIntentFails() {
        assertThrows(IllegalStateException.class, () -> store.recordOutcome("r1", "v9-halt", "done", T0));

        assertEquals(Optional.empty(), store.intent("r1", "v9-halt"), "no half-written intent left behind");
        assertEquals(List.of(), store.openIntents("r1"));
    }

    @Test
    void activeListsOnlyNonTerminalRollouts() {
        for (RolloutState state : RolloutState.values()) {
            String id = "r-" + state.name().toLowerCase();
            store.create(new StoredRollout(rollout(id, state, 0), PLAN), entry(id, T0, 0, "start"));
        }

        Set<String> active = store.active().stream().map(s -> s.rollout().id()).collect(Collectors.toSet());

        assertEquals(Set.of("r-pending", "r-running", "r-paused", "r-halted"), active);
    }

    @Test
    void activeForgetsARolloutOnceItCompletes() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));

        store.save(rollout("r1", RolloutState.COMPLETED, 1), 0, List.of(entry("r1", T0.plusSeconds(60), 1, "COMPLETE")));

        assertEquals(List.of(), store.active());
    }

    @Test
    void fiftyConcurrentSavesOfOneVersionSucceedExactlyOnce() throws Exception {
        store.create(new StoredRollout(running("r1", 7), PLAN), entry("r1", T0, 7, "start"));
        int writers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                HistoryEntry mine = entry("r1", T0.plusSeconds(60), 8, "ADVANCE by tick " + i);
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.save(running("r1", 8), 7, List.of(mine));
                        return true;
                    } catch (VersionConflict lost) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertEquals(1, won, "exactly one writer wins; the other 49 get VersionConflict");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, store.find("r1").orElseThrow().rollout().version());
        List<HistoryEntry> history = store.history("r1");
        assertEquals(2, history.size(), "the created entry and the winner's, no loser's: " + history);
    }

    @Test
    void everyFieldRoundTrips() {
        Rollout full = halted(12);
        Rollout nulls = new Rollout("r1", RolloutState.PENDING, 0, null, null, 13, -1, false, false, null, null, 0);
        HistoryEntry described = new HistoryEntry("r1", Instant.parse("2100-01-02T03:04:05.987654321Z"), 12,
                HistoryEntry.Kind.REFUSED, "promote --force", "ring-3", "alice@example.com", List.of("b reason", "a reason", "b reason"));
        HistoryEntry bare = new HistoryEntry("r1", T0, 13, HistoryEntry.Kind.ACTION, "google-play userFraction 0.1", null, null, List.of(""));
        Intent done = new Intent("r1", "v12-halt", "HALT", 3, 12, Instant.parse("2100-01-02T03:04:06.000000001Z"), null, null)
                .done("done: halted", Instant.parse("2100-01-02T03:04:07Z"));
        Intent open = new Intent("r1", "v13-enter-phase", "ENTER_PHASE", 0, 13, T0, null, null);

        store.create(new StoredRollout(full, PLAN), described);
        assertEquals(Optional.of(new StoredRollout(full, PLAN)), store.find("r1"), "created");
        store.save(nulls, 12, List.of(bare));
        assertEquals(Optional.of(new StoredRollout(nulls, PLAN)), store.find("r1"), "saved with nulls");
        store.save(halted(14), 13, List.of());
        assertEquals(halted(14), store.find("r1").orElseThrow().rollout(), "saved with every field set");
        assertEquals(List.of(bare, described), store.history("r1"));

        store.recordIntent(new Intent("r1", "v12-halt", "HALT", 3, 12, Instant.parse("2100-01-02T03:04:06.000000001Z"), null, null));
        store.recordOutcome("r1", "v12-halt", "done: halted", Instant.parse("2100-01-02T03:04:07Z"));
        store.recordIntent(open);
        assertEquals(Optional.of(done), store.intent("r1", "v12-halt"));
        assertEquals(Optional.of(open), store.intent("r1", "v13-enter-phase"));

        store.create(new StoredRollout(Rollout.pending("r2"), null), entry("r2", T0, 0, "created"));
        assertEquals(Optional.of(new StoredRollout(Rollout.pending("r2"), null)), store.find("r2"), "no plan text");
    }

    /** Every component set, to values no default has; instants to the nanosecond. */
    private static Rollout halted(long version) {
        return new Rollout("r1", RolloutState.HALTED, 3, Instant.parse("2100-01-02T03:04:05.123456789Z"),
                Instant.parse("2099-12-31T23:59:59.5Z"), version, 4, true, true, "halt rule crash-rate fired: 0.8% > 0.5%", "HALT", 2);
    }

    private static Rollout running(String id, long version) {
        return rollout(id, RolloutState.RUNNING, version);
    }

    private static Rollout rollout(String id, RolloutState state, long version) {
        return new Rollout(id, state, 1, T0, T0, version, -1, false, false, "because");
    }

    private static HistoryEntry entry(String rolloutId, Instant at, long version, String what) {
        return new HistoryEntry(rolloutId, at, version, HistoryEntry.Kind.DECISION, what, "ring-1", "ringmaster", List.of("why " + what));
    }

    private static Intent intent(String rolloutId, String id, String action, Instant at) {
        return new Intent(rolloutId, id, action, 1, 1, at, null, null);
    }
}
