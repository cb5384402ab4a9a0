package dev.ringmaster.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Claim;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutExists;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Settlement;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.DecisionType;
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
    void aTicksSaveKeepsItsGateLedgerUntilAnotherTickReplacesOrDropsIt() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        store.save(running("r1", 1), 0, List.of(entry("r1", T0.plusSeconds(60), 1, "HOLD")), null, "ledger 1 0 x\ngate 0=1.0,2.0\n");
        assertEquals("ledger 1 0 x\ngate 0=1.0,2.0\n", store.find("r1").orElseThrow().ledger(), "written with the tick");

        store.save(running("r1", 2), 1, List.of(entry("r1", T0.plusSeconds(61), 2, "pause")));
        assertEquals("ledger 1 0 x\ngate 0=1.0,2.0\n", store.find("r1").orElseThrow().ledger(), "a command's save leaves it");

        assertThrows(VersionConflict.class, () -> store.save(running("r1", 3), 1, List.of(), null, "stale"));
        assertEquals("ledger 1 0 x\ngate 0=1.0,2.0\n", store.find("r1").orElseThrow().ledger(), "a losing tick writes no ledger");

        store.save(running("r1", 3), 2, List.of(entry("r1", T0.plusSeconds(62), 3, "ADVANCE")), null, null);
        assertEquals(Optional.of(new StoredRollout(running("r1", 3), PLAN)), store.find("r1"), "a tick that moved the rollout drops it");
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
    void messageClaimIsClaimedOnceHeldWhileSendingAndSentOnceCompleted() {
        Instant until = T0.plusSeconds(60);

        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("notify-1", T0, until), "first claim");
        assertEquals(RolloutStore.MessageClaim.HELD, store.claim("notify-1", T0.plusSeconds(1), until), "another delivery while it sends");
        store.complete("notify-1", T0.plus(Duration.ofDays(7)));
        assertEquals(RolloutStore.MessageClaim.SENT, store.claim("notify-1", T0.plus(Duration.ofDays(6)), until), "sent: never again");
    }

    @Test
    void messageClaimReleasedAfterAFailedSendCanBeClaimedAgain() {
        store.claim("notify-1", T0, T0.plusSeconds(60));

        store.release("notify-1");

        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("notify-1", T0.plusSeconds(1), T0.plusSeconds(61)));
    }

    @Test
    void messageClaimOfASenderThatDiedIsFreeOnceItExpires() {
        store.claim("notify-1", T0, T0.plusSeconds(60));

        assertEquals(RolloutStore.MessageClaim.HELD, store.claim("notify-1", T0.plusSeconds(60).minusMillis(1), T0.plusSeconds(120)));
        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("notify-1", T0.plusSeconds(60), T0.plusSeconds(120)), "at expiry");
    }

    @Test
    void messageClaimsOfDifferentKeysAreIndependent() {
        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("notify-1", T0, T0.plusSeconds(60)));
        assertEquals(RolloutStore.MessageClaim.CLAIMED, store.claim("notify-2", T0, T0.plusSeconds(60)));
    }

    @Test
    void saveWithAnIntentStoresItAndMakesItTheRolloutsEffect() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        Intent enter = intent("r1", 1, Action.ENTER_PHASE, T0.plusSeconds(60));

        store.save(running("r1", 1), 0, List.of(entry("r1", T0.plusSeconds(60), 1, "ADVANCE")), enter);

        assertEquals(Optional.of(enter), store.intent("r1", "v1"));
        assertEquals(new Effect(1, Action.ENTER_PHASE, "v1", Effect.Status.PENDING, 0, null, T0.plusSeconds(60), null, null, null),
                store.find("r1").orElseThrow().effect());
        assertEquals(List.of(enter), store.openIntents("r1"));
    }

    @Test
    void saveWithAnIntentWithoutActionLeavesTheEffectAsItWas() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        store.save(running("r1", 1), 0, List.of(), intent("r1", 1, Action.ENTER_PHASE, T0));
        Intent approved = intent("r1", 2, Action.NONE, T0.plusSeconds(60));

        store.save(running("r1", 2), 1, List.of(), approved);

        assertEquals(1, store.find("r1").orElseThrow().effect().version());
        assertEquals(Intent.NO_ACTION, store.intent("r1", "v2").orElseThrow().outcome(), "nothing to do on a target");
        assertTrue(store.intent("r1", "v2").orElseThrow().open(), "its notification is still owed");
    }

    @Test
    void saveWithAStaleVersionWritesNeitherStateNorIntent() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        store.save(running("r1", 1), 0, List.of());

        assertThrows(VersionConflict.class, () -> store.save(running("r1", 1), 0, List.of(), intent("r1", 1, Action.HALT, T0)));

        assertEquals(Optional.empty(), store.intent("r1", "v1"));
        assertEquals(Effect.NONE, store.find("r1").orElseThrow().effect());
    }

    @Test
    void openIntentsListWhatIsStillOwedOldestVersionFirst() {
        store.create(new StoredRollout(running("r1", 0), PLAN), entry("r1", T0, 0, "start"));
        Intent enter = intent("r1", 9, Action.ENTER_PHASE, T0);
        Intent approved = intent("r1", 10, Action.NONE, T0.plusSeconds(60));
        Intent halt = intent("r1", 11, Action.HALT, T0.plusSeconds(120));
        store.save(running("r1", 9), 0, List.of(), enter);
        store.save(running("r1", 10), 9, List.of(), approved);
        store.save(running("r1", 11), 10, List.of(), halt);

        assertEquals(List.of(enter, approved, halt), store.openIntents("r1"), "sent again in the order they were decided");

        store.markNotified("r1", "v10");
        store.markNotified("r1", "v11");
        assertEquals(List.of(enter, new Intent(halt.event(), null, null, true)), store.openIntents("r1"),
                "a told intent stays open while its action is; one without action is done once told");
    }

    @Test
    void claimOfTheCurrentIntentSucceedsOnceAndRecordsWhoActs() {
        Intent halt = saved("r1", Action.HALT);

        Claim first = store.claimEffect(halt, T0, T0.plusSeconds(60));
        Claim second = store.claimEffect(halt, T0.plusSeconds(1), T0.plusSeconds(61));

        assertTrue(first instanceof Claim.Claimed, "first: " + first);
        assertEquals(new Claim.Busy("v1", T0.plusSeconds(60)), second, "a second delivery of the same event does not act");
        Effect e = store.find("r1").orElseThrow().effect();
        assertEquals(Effect.Status.IN_PROGRESS, e.status());
        assertEquals("v1", e.holder());
    }

    @Test
    void claimOfAnIntentALaterSaveOvertookIsSuperseded() {
        Intent enter = saved("r1", Action.ENTER_PHASE);
        store.save(running("r1", 2), 1, List.of(), intent("r1", 2, Action.HALT, T0.plusSeconds(60)));

        Claim c = store.claimEffect(enter, T0.plusSeconds(61), T0.plusSeconds(121));

        assertTrue(c instanceof Claim.Superseded s && s.current().version() == 2, "a paused rollout's phase is never entered: " + c);
    }

    @Test
    void claimOfAStepThatDiedIsTakenOverOnlyAfterItExpires() {
        Intent halt = saved("r1", Action.HALT);
        store.claimEffect(halt, T0, T0.plusSeconds(60));

        assertTrue(store.claimEffect(halt, T0.plusSeconds(60).minusMillis(1), T0.plusSeconds(120)) instanceof Claim.Busy);
        assertTrue(store.claimEffect(halt, T0.plusSeconds(60), T0.plusSeconds(120)) instanceof Claim.Claimed, "at expiry");
    }

    @Test
    void aNewIntentWaitsForAnOlderStepStillActing() {
        Intent enter = saved("r1", Action.ENTER_PHASE);
        store.claimEffect(enter, T0, T0.plusSeconds(60));
        Intent pause = intent("r1", 2, Action.HALT, T0.plusSeconds(1));
        store.save(running("r1", 2), 1, List.of(), pause);

        assertEquals(new Claim.Busy("v1", T0.plusSeconds(60)), store.claimEffect(pause, T0.plusSeconds(2), T0.plusSeconds(62)),
                "the halt must not reach the target before the enter still in flight, or the enter would undo it");
    }

    @Test
    void settleDoneRecordsTheOutcomeReleasesTheClaimAndWritesHistory() {
        Intent halt = saved("r1", Action.HALT);
        store.claimEffect(halt, T0, T0.plusSeconds(60));
        HistoryEntry action = actionEntry(halt, "halt ok");

        Settlement.Result r = store.settleEffect(new Settlement(halt, Effect.Status.DONE, "done: halted", null, T0.plusSeconds(2), null,
                List.of(action), null, 1));

        assertEquals(Settlement.Result.SETTLED, r);
        Effect e = store.find("r1").orElseThrow().effect();
        assertEquals(Effect.Status.DONE, e.status());
        assertEquals(null, e.holder(), "released");
        assertEquals("done: halted", store.intent("r1", "v1").orElseThrow().outcome());
        assertTrue(store.history("r1").contains(action));
        assertTrue(store.claimEffect(halt, T0.plusSeconds(3), T0.plusSeconds(63)) instanceof Claim.Settled, "never acts again");
    }

    @Test
    void settleFailedKeepsTheIntentOpenAndCountsTheAttempt() {
        Intent halt = saved("r1", Action.HALT);
        for (int attempt = 1; attempt <= 2; attempt++) {
            Instant at = T0.plusSeconds(100L * attempt);
            store.claimEffect(halt, at, at.plusSeconds(60));
            store.settleEffect(new Settlement(halt, Effect.Status.FAILED, null, "503", at.plusSeconds(1), at.plusSeconds(31),
                    List.of(actionEntry(halt, "halt error (attempt " + attempt + ")")), null, 1));
        }

        Effect e = store.find("r1").orElseThrow().effect();
        assertEquals(Effect.Status.FAILED, e.status());
        assertEquals(2, e.attempts());
        assertEquals("503", e.error());
        assertEquals(T0.plusSeconds(231), e.retryAt());
        assertTrue(store.intent("r1", "v1").orElseThrow().actionOpen());
        assertTrue(store.claimEffect(halt, T0.plusSeconds(300), T0.plusSeconds(360)) instanceof Claim.Claimed, "tried again");
    }

    @Test
    void settleThatConfirmsARollbackMovesTheRolloutUnderItsVersion() {
        Intent rollback = saved("r1", Action.ROLLBACK);
        store.claimEffect(rollback, T0, T0.plusSeconds(60));
        Rollout confirmed = rollout("r1", RolloutState.ROLLED_BACK, 2);

        Settlement.Result stale = store.settleEffect(new Settlement(rollback, Effect.Status.DONE, "done", null, T0, null, List.of(),
                confirmed, 0));
        Settlement.Result r = store.settleEffect(new Settlement(rollback, Effect.Status.DONE, "done", null, T0, null, List.of(),
                confirmed, 1));

        assertEquals(Settlement.Result.VERSION_CONFLICT, stale, "read again: a tick wrote in between");
        assertEquals(Settlement.Result.SETTLED, r);
        assertEquals(confirmed, store.find("r1").orElseThrow().rollout());
    }

    @Test
    void settleOfACallALaterSaveOvertookRecordsItButLeavesTheNewEffect() {
        Intent enter = saved("r1", Action.ENTER_PHASE);
        store.claimEffect(enter, T0, T0.plusSeconds(60));
        store.save(running("r1", 2), 1, List.of(), intent("r1", 2, Action.HALT, T0.plusSeconds(1)));

        Settlement.Result r = store.settleEffect(new Settlement(enter, Effect.Status.DONE, "done: inProgress", null, T0.plusSeconds(2),
                null, List.of(actionEntry(enter, "enter ok")), null, 1));

        assertEquals(Settlement.Result.SUPERSEDED, r);
        Effect e = store.find("r1").orElseThrow().effect();
        assertEquals(2, e.version());
        assertEquals(Effect.Status.PENDING, e.status(), "the halt is still owed");
        assertEquals(null, e.holder(), "and may now claim");
        assertFalse(store.intent("r1", "v1").orElseThrow().actionOpen());
    }

    @Test
    void settleOfAStepWhoseClaimWasTakenOverIsClaimLost() {
        Intent halt = saved("r1", Action.HALT);
        store.claimEffect(halt, T0, T0.plusSeconds(60));
        store.claimEffect(halt, T0.plusSeconds(61), T0.plusSeconds(121));
        store.settleEffect(new Settlement(halt, Effect.Status.DONE, "done", null, T0.plusSeconds(62), null, List.of(), null, 1));

        Settlement.Result late = store.settleEffect(new Settlement(halt, Effect.Status.FAILED, null, "timeout", T0.plusSeconds(90),
                T0.plusSeconds(120), List.of(actionEntry(halt, "halt error (attempt 1)")), null, 1));

        assertEquals(Settlement.Result.CLAIM_LOST, late);
        assertEquals(Effect.Status.DONE, store.find("r1").orElseThrow().effect().status(), "the late failure changes nothing");
    }

    @Test
    void supersedeClosesAnOpenIntentOnceWithItsHistoryEntry() {
        Intent enter = saved("r1", Action.ENTER_PHASE);
        HistoryEntry why = actionEntry(enter, "enter superseded");

        store.supersede(enter, why);
        store.supersede(enter, actionEntry(enter, "enter superseded again"));

        assertTrue(store.intent("r1", "v1").orElseThrow().outcome().startsWith("superseded: "));
        assertEquals(1, store.history("r1").stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION).count());
    }

    @Test
    void fiftyConcurrentClaimsOfOneIntentSucceedExactlyOnce() throws Exception {
        Intent halt = saved("r1", Action.HALT);
        int workers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Claim>> results = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.claimEffect(halt, T0, T0.plusSeconds(60));
                }));
            }
            go.countDown();
            int claimed = 0;
            for (Future<Claim> f : results) {
                claimed += f.get(60, TimeUnit.SECONDS) instanceof Claim.Claimed ? 1 : 0;
            }
            assertEquals(1, claimed, "two deliveries of one event act once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activeListsOnlyNonTerminalRollouts() {
        for (RolloutState state : RolloutState.values()) {
            String id = "r-" + state.name().toLowerCase();
            store.create(new StoredRollout(rollout(id, state, 0), PLAN), entry(id, T0, 0, "start"));
        }

        Set<String> active = store.active().stream().map(s -> s.rollout().id()).collect(Collectors.toSet());

        assertEquals(Set.of("r-pending", "r-running", "r-paused", "r-halted", "r-rolling_back", "r-rollback_failed"), active);
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
        store.create(new StoredRollout(full, PLAN), described);
        assertEquals(Optional.of(new StoredRollout(full, PLAN)), store.find("r1"), "created");
        store.save(nulls, 12, List.of(bare));
        assertEquals(Optional.of(new StoredRollout(nulls, PLAN)), store.find("r1"), "saved with nulls");
        store.save(halted(14), 13, List.of());
        assertEquals(halted(14), store.find("r1").orElseThrow().rollout(), "saved with every field set");
        assertEquals(List.of(bare, described), store.history("r1"));

        RolloutEvent full14 = new RolloutEvent("r1", 15, null, Command.Type.MARK_FIXED, Action.KILL, NotifyEvent.KILLED, "ring-3", 3,
                List.of("b", "a"), "alice@example.com", Instant.parse("2100-01-02T03:04:06.000000001Z"));
        store.save(halted(15), 14, List.of(), Intent.of(full14));
        assertEquals(Optional.of(Intent.of(full14)), store.intent("r1", "v15"));
        assertEquals(new Effect(15, Action.KILL, "v15", Effect.Status.PENDING, 0, null, full14.at(), null, null, null),
                store.find("r1").orElseThrow().effect());

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

    private static Intent intent(String rolloutId, long version, Action action, Instant at) {
        return Intent.of(new RolloutEvent(rolloutId, version, DecisionType.HOLD, null, action, NotifyEvent.HELD, "ring-1", 1,
                List.of("why"), "ringmaster", at));
    }

    /** A rollout at version 1 whose effect is {@code action}, asked at T0. */
    private Intent saved(String rolloutId, Action action) {
        store.create(new StoredRollout(running(rolloutId, 0), PLAN), entry(rolloutId, T0, 0, "start"));
        Intent i = intent(rolloutId, 1, action, T0);
        store.save(running(rolloutId, 1), 0, List.of(), i);
        return i;
    }

    private static HistoryEntry actionEntry(Intent i, String what) {
        return new HistoryEntry(i.rolloutId(), i.at().plusSeconds(2), i.version(), HistoryEntry.Kind.ACTION, what, "ring-1", "ringmaster",
                List.of(what));
    }

}
