package dev.ringmaster.testkit.chain;

import dev.ringmaster.core.port.Claim;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Settlement;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A store whose process dies once at an armed point: before a save, or right after a claim or a settlement was written. */
final class CrashingStore implements RolloutStore {
    private final RolloutStore real;
    private final AtomicReference<CrashPoint> armed = new AtomicReference<>();

    CrashingStore(RolloutStore real) {
        this.real = real;
    }

    void arm(CrashPoint point) {
        armed.set(point);
    }

    private void crashIf(CrashPoint point) {
        if (armed.compareAndSet(point, null)) {
            throw new Crash(point);
        }
    }

    @Override
    public void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent) {
        crashIf(CrashPoint.BEFORE_STATE_WRITE);
        real.save(next, expectedVersion, entries, intent);
    }

    @Override
    public void save(Rollout next, long expectedVersion, List<HistoryEntry> entries, Intent intent, String ledger) {
        crashIf(CrashPoint.BEFORE_STATE_WRITE);
        real.save(next, expectedVersion, entries, intent, ledger);
    }

    @Override
    public Claim claimEffect(Intent intent, Instant now, Instant until) {
        Claim c = real.claimEffect(intent, now, until);
        if (c instanceof Claim.Claimed) {
            crashIf(CrashPoint.AFTER_CLAIM);
        }
        return c;
    }

    @Override
    public Settlement.Result settleEffect(Settlement settlement) {
        Settlement.Result r = real.settleEffect(settlement);
        crashIf(CrashPoint.AFTER_OUTCOME);
        return r;
    }

    @Override
    public void create(StoredRollout rollout, HistoryEntry created) {
        real.create(rollout, created);
    }

    @Override
    public Optional<StoredRollout> find(String rolloutId) {
        return real.find(rolloutId);
    }

    @Override
    public List<StoredRollout> active() {
        return real.active();
    }

    @Override
    public void append(HistoryEntry entry) {
        real.append(entry);
    }

    @Override
    public List<HistoryEntry> history(String rolloutId) {
        return real.history(rolloutId);
    }

    @Override
    public Optional<Intent> intent(String rolloutId, String intentId) {
        return real.intent(rolloutId, intentId);
    }

    @Override
    public List<Intent> openIntents(String rolloutId) {
        return real.openIntents(rolloutId);
    }

    @Override
    public void supersede(Intent intent, HistoryEntry entry) {
        real.supersede(intent, entry);
    }

    @Override
    public void markNotified(String rolloutId, String intentId) {
        real.markNotified(rolloutId, intentId);
    }

    @Override
    public MessageClaim claim(String key, Instant now, Instant until) {
        return real.claim(key, now, until);
    }

    @Override
    public void complete(String key, Instant keepUntil) {
        real.complete(key, keepUntil);
    }

    @Override
    public void release(String key) {
        real.release(key);
    }
}
