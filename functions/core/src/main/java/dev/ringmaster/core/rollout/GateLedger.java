package dev.ringmaster.core.rollout;

import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateTracker;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricSource;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tick carries to the next one so its work does not grow with the phase's history: a {@link GateTracker}
 * per phase-long rate and gauge criterion of the phase (its gates and the plan's halt rules), each with the sums,
 * the change detector and the time of the newest sample folded in. A tick reads only what came after that, folds
 * it in and judges from the sums; windowed rules read their window, and what no tracker covers (counts, checks,
 * zero bounds, {@code static} snapshots) is still read and judged over the phase. The ledger belongs to one phase
 * and one start of its evidence: a ledger stored for another is ignored and a new one begun.
 */
public final class GateLedger {
    private static final String VERSION = "ledger 1";
    /**
     * A static source answers the same snapshot every tick (folding it in would count it each time); what a webhook
     * or a report told is recorded when it arrives, stamped with when it happened, which may be before the newest
     * sample a tick already folded in: these are read over the phase.
     */
    private static final java.util.Set<String> UNTRACKED_SOURCES = java.util.Set.of(MetricSource.STATIC.key,
            MetricSource.WEBHOOK.key, MetricSource.REPORT.key);
    private final int phase;
    private final Instant since;
    private final Map<String, Entry> entries;

    private record Entry(String metric, Criterion criterion, GateTracker tracker) {
    }

    private GateLedger(int phase, Instant since, Map<String, Entry> entries) {
        this.phase = phase;
        this.since = since;
        this.entries = entries;
    }

    /**
     * The ledger of {@code phaseIndex}'s evidence since {@code t.phaseStart()}: {@code stored} continued when it
     * was written for the same phase, start and criteria, else a new one.
     */
    public static GateLedger open(Plan plan, int phaseIndex, Thresholds t, String stored) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Gate> gates = plan.phases().get(phaseIndex).gates();
        for (int i = 0; i < gates.size(); i++) {
            track(plan, entries, "gate " + i, gates.get(i).metric(), gates.get(i).criterion(), t);
        }
        List<HaltRule> rules = plan.haltRules();
        for (int i = 0; i < rules.size(); i++) {
            track(plan, entries, "halt " + i, rules.get(i).metric(), rules.get(i).criterion(), t);
        }
        GateLedger ledger = new GateLedger(phaseIndex, t.phaseStart(), entries);
        if (stored != null && !ledger.restore(stored)) {
            return open(plan, phaseIndex, t, null);
        }
        return ledger;
    }

    private static void track(Plan plan, Map<String, Entry> entries, String key, String metric, Criterion criterion,
                              Thresholds t) {
        MetricDef def = plan.metrics().get(metric);
        if (def != null && !UNTRACKED_SOURCES.contains(def.source()) && GateTracker.covers(criterion, def.kind())) {
            entries.put(key, new Entry(metric, criterion, new GateTracker(criterion, def.kind(), t)));
        }
    }

    /** The tracker of the phase's gate {@code index}, or null when the engine judges that gate on its samples. */
    GateTracker gate(int index) {
        Entry e = entries.get("gate " + index);
        return e == null ? null : e.tracker();
    }

    /** The tracker of the plan's halt rule {@code index}, or null. */
    GateTracker haltRule(int index) {
        Entry e = entries.get("halt " + index);
        return e == null ? null : e.tracker();
    }

    /**
     * Where this tick's read of each metric must start: after the newest sample its trackers folded in, back far
     * enough for its windowed rules ({@code for} and {@code window} walk back one window from each sample of the
     * {@code for}), and from the phase's evidence start for a metric something untracked judges over the phase.
     */
    public Map<String, Instant> readFrom(Plan plan, Iterable<String> metrics, Instant now) {
        List<Gate> gates = plan.phases().get(phase).gates();
        Map<String, Instant> from = new LinkedHashMap<>();
        for (String metric : metrics) {
            from.put(metric, null);
        }
        for (Entry e : entries.values()) {
            Instant through = e.tracker().through();
            earliest(from, e.metric(), through == null ? since : through);
        }
        for (int i = 0; i < gates.size(); i++) {
            need(from, gates.get(i).metric(), gates.get(i).criterion(), gate(i) != null, now);
        }
        List<HaltRule> rules = plan.haltRules();
        for (int i = 0; i < rules.size(); i++) {
            need(from, rules.get(i).metric(), rules.get(i).criterion(), haltRule(i) != null, now);
        }
        from.replaceAll((metric, at) -> at == null || at.isBefore(since) ? since : at);
        return from;
    }

    private void need(Map<String, Instant> from, String metric, Criterion criterion, boolean tracked, Instant now) {
        if (tracked || !from.containsKey(metric)) {
            return;
        }
        Duration window = criterion.window() != null ? criterion.window() : criterion.sustain();
        if (window == null || window.isZero() || window.isNegative()) {
            earliest(from, metric, since);
            return;
        }
        Duration sustain = criterion.sustain() == null ? Duration.ZERO : criterion.sustain();
        earliest(from, metric, now.minus(window).minus(sustain));
    }

    private static void earliest(Map<String, Instant> from, String metric, Instant at) {
        from.merge(metric, at, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** Folds each tracked metric's new samples (after what each tracker holds, up to {@code now}) into its trackers. */
    public void fold(Map<String, MetricSeries> observations, Instant now) {
        for (Entry e : entries.values()) {
            MetricSeries series = observations.get(e.metric());
            if (series != null) {
                e.tracker().fold(series.samples(), now);
            }
        }
    }

    /** A compact text for the store: one line per tracker, its numbers in {@link GateTracker#state()} order. */
    public String encode() {
        StringBuilder out = new StringBuilder(VERSION).append(' ').append(phase).append(' ').append(since).append('\n');
        entries.forEach((key, e) -> {
            out.append(key).append('=');
            double[] state = e.tracker().state();
            for (int i = 0; i < state.length; i++) {
                out.append(i == 0 ? "" : ",").append(number(state[i]));
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** Counts, blocks and flags as integers ("1200", not "1200.0"): the ledger is rewritten, and paid for, every tick. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Continues {@code stored}; false when it belongs to another phase, start or set of criteria (or is unreadable). */
    private boolean restore(String stored) {
        String[] lines = stored.split("\n");
        if (!lines[0].equals(VERSION + " " + phase + " " + since) || lines.length - 1 != entries.size()) {
            return false;
        }
        try {
            for (int i = 1; i < lines.length; i++) {
                int eq = lines[i].indexOf('=');
                Entry e = eq < 0 ? null : entries.get(lines[i].substring(0, eq));
                if (e == null) {
                    return false;
                }
                String[] parts = lines[i].substring(eq + 1).split(",");
                double[] state = new double[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    state[k] = Double.parseDouble(parts[k]);
                }
                e.tracker().restore(state);
            }
            return true;
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** How many criteria the ledger keeps: the rest are judged on their samples. */
    public int size() {
        return entries.size();
    }
}
