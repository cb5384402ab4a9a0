package dev.ringmaster.core.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tick's ledger (issue 15, flat in history): judging from the sums it carries gives the decision that judging
 * the whole phase gives, tick after tick, through its text form; and after the first tick a tracked metric is read
 * only from its newest folded sample.
 */
class GateLedgerTest {
    private static final Instant T0 = TestPlans.T0;
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Plan PLAN = TestPlans.parse("""
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: ledger-test, version: "2.1.0"}
            spec:
              target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
              metrics:
                crash_rate: {kind: rate, source: prometheus, query: {bad: crashes, total: sessions}}
                success_rate: {kind: rate, source: prometheus, query: {good: ok, total: requests}}
                latency_p75: {kind: gauge, source: prometheus, query: {value: p75}}
                panics: {kind: count, source: prometheus, query: {value: panics}}
                fatal: {kind: count, source: prometheus, query: {value: fatal}}
                smoke_tests: {kind: check}
                critical_bugs: {kind: count, source: webhook, query: {kind: critical-bug}}
              phases:
                - name: phase-1
                  audience: 10%
                  soak: 24h
                  maxSoak: 72h
                  gates:
                    - {metric: crash_rate, max: 0.01}
                    - {metric: crash_rate, maxRelative: 1.5}
                    - {metric: success_rate, min: 0.98}
                    - {metric: latency_p75, max: 300}
                    - {metric: latency_p75, maxRelative: 1.2}
                    - {metric: panics, max: 0.5}
                    - {metric: panics, maxRelative: 2}
                    - {metric: fatal, max: 0}
                    - {metric: smoke_tests, pass: true}
                - {name: phase-2, audience: 100%, soak: 24h, gates: [{metric: crash_rate, max: 0.01}]}
              haltRules:
                - {metric: crash_rate, max: 0.03, severity: critical, action: pause}
                - {metric: crash_rate, max: 0.05, for: 15m, severity: critical, action: rollback}
                - {metric: critical_bugs, max: 0, severity: critical, action: pause}
            """);
    private final DecisionEngine engine = new DecisionEngine();
    private int detectorFails;
    private final java.util.Set<DecisionType> ends = java.util.EnumSet.noneOf(DecisionType.class);

    @Test
    void theLedgerDecidesEachTickAsJudgingTheWholePhaseDoes() {
        // healthy, bad from the start, and a regression 10 h into the phase (the change detector's case)
        for (long seed = 1; seed <= 24; seed++) {
            double crash = seed % 3 == 0 ? 0.02 : 0.006;
            int onset = seed % 3 == 1 ? 120 : Integer.MAX_VALUE;
            compare(seed, 400, crash, onset);
        }
        assertEquals(java.util.EnumSet.of(DecisionType.ADVANCE, DecisionType.HALT), ends, "healthy rollouts advanced, bad ones halted");
        assertTrue(detectorFails > 0, "some regressions 10 h in were caught by the change detector, and said so alike");
    }

    private void compare(long seed, int ticks, double crash, int onset) {
        Random random = new Random(seed);
        Rollout r = TestPlans.running(0, T0);
        Map<String, List<Sample>> all = new LinkedHashMap<>();
        String stored = null;
        for (int i = 1; i <= ticks; i++) {
            Instant now = T0.plus(TICK.multipliedBy(i));
            // stamped off the detector's block grid, as a source's samples are: the likely start is named by its first sample
            Map<String, Sample> tick = tick(random, now.minusSeconds(97), i >= onset ? crash * 4 : crash);
            tick.forEach((metric, s) -> all.computeIfAbsent(metric, k -> new ArrayList<>()).add(s));
            Map<String, MetricSeries> whole = new LinkedHashMap<>();
            all.forEach((metric, samples) -> whole.put(metric, new MetricSeries(metric, samples, false)));
            Decision expected = engine.decide(PLAN, r, whole, now, Live.since(T0));

            GateLedger ledger = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0), stored);
            Map<String, Instant> from = ledger.readFrom(PLAN, all.keySet(), now);
            Map<String, MetricSeries> read = new LinkedHashMap<>();
            all.forEach((metric, samples) -> read.put(metric, new MetricSeries(metric,
                    samples.stream().filter(s -> s.at().isAfter(from.get(metric))).toList(), false)));
            ledger.fold(read, now);
            Decision actual = engine.decide(PLAN, r, read, now, Live.since(T0), ledger);
            stored = ledger.encode();

            String at = "seed " + seed + ", tick " + i;
            assertEquals(expected.type(), actual.type(), at);
            assertEquals(expected.verdicts().size(), actual.verdicts().size(), at);
            for (int v = 0; v < expected.verdicts().size(); v++) {
                Reason e = expected.verdicts().get(v);
                Reason a = actual.verdicts().get(v);
                assertEquals(e.outcome(), a.outcome(), at + ": " + e.rule());
                // the ledger's detector names its start from a CUSUM beside its sum, the engine by a scan: the same here
                assertEquals(e.message(), a.message(), at + ": " + e.rule());
                detectorFails += e.message().startsWith("changed since") ? 1 : 0;
            }
            if (expected.type() != DecisionType.HOLD) {
                ends.add(expected.type());
                break;
            }
        }
    }

    /** One tick's samples of every metric: Binomial counts by normal approximation, noisy gauges, a few panics. */
    private static Map<String, Sample> tick(Random random, Instant at, double crash) {
        Map<String, Sample> out = new LinkedHashMap<>();
        out.put("crash_rate", new Sample(at, counts(random, 4000, crash), counts(random, 36000, 0.006)));
        out.put("success_rate", new Sample(at, counts(random, 4000, 0.995), null));
        out.put("latency_p75", new Sample(at, new Measure.Value(250 + 10 * random.nextGaussian()),
                new Measure.Value(250 + 10 * random.nextGaussian())));
        out.put("panics", new Sample(at, new Measure.Events(random.nextInt(2), 5), new Measure.Events(random.nextInt(10), 50)));
        out.put("fatal", new Sample(at, new Measure.Events(0, 5), null));
        out.put("smoke_tests", new Sample(at, new Measure.Check(true, at), null));
        out.put("critical_bugs", new Sample(at, new Measure.Events(0, 5), null));
        return out;
    }

    private static Measure.Counts counts(Random random, long total, double p) {
        double mean = total * p;
        long bad = Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian()));
        return new Measure.Counts(bad, total);
    }

    @Test
    void afterTheFirstTickATrackedMetricIsReadFromItsNewestFoldedSample() {
        Instant now = T0.plus(Duration.ofHours(30));
        GateLedger ledger = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0), null);
        List<String> metrics = List.of("crash_rate", "success_rate", "latency_p75", "panics", "fatal", "smoke_tests", "critical_bugs");
        assertEquals(Map.of("crash_rate", T0, "success_rate", T0, "latency_p75", T0, "panics", T0, "fatal", T0, "smoke_tests", T0,
                        "critical_bugs", T0),
                ledger.readFrom(PLAN, metrics, now), "a new ledger reads the phase once");

        Random random = new Random(7);
        Map<String, MetricSeries> read = new LinkedHashMap<>();
        for (String metric : metrics) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 1; i <= 360; i++) {
                samples.add(tick(random, T0.plus(TICK.multipliedBy(i)), 0.006).get(metric));
            }
            read.put(metric, new MetricSeries(metric, samples, false));
        }
        ledger.fold(read, now);
        GateLedger next = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0), ledger.encode());
        Map<String, Instant> from = next.readFrom(PLAN, metrics, now);
        assertEquals(now.minus(Duration.ofMinutes(30)), from.get("crash_rate"),
                "crash_rate: the 15m `for` rule walks back one window from each sample of the 15 minutes");
        assertEquals(now, from.get("success_rate"), "tracked only: from the newest sample folded in");
        assertEquals(now, from.get("latency_p75"));
        assertEquals(now, from.get("panics"));
        assertEquals(now, from.get("fatal"), "zero tolerance: its sums are enough too");
        assertEquals(T0, from.get("smoke_tests"), "a check is judged on its reports since the phase began: not tracked");
        assertEquals(T0, from.get("critical_bugs"), "a webhook's count may be recorded after a later sample was folded in: not tracked");
    }

    @Test
    void aLedgerOfAnotherPhaseOrEvidenceStartIsNotContinued() {
        Instant now = T0.plus(Duration.ofHours(2));
        GateLedger ledger = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0), null);
        Map<String, MetricSeries> read = Map.of("crash_rate", new MetricSeries("crash_rate",
                List.of(new Sample(now, new Measure.Counts(1, 100), new Measure.Counts(9, 900))), false));
        ledger.fold(read, now);
        String stored = ledger.encode();
        Instant later = T0.plus(Duration.ofHours(1));
        GateLedger liveLater = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, later), stored);
        assertEquals(later, liveLater.readFrom(PLAN, List.of("crash_rate"), now).get("crash_rate"),
                "the phase went live later: its evidence starts again");
        GateLedger same = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0), stored);
        assertEquals(stored, same.encode(), "the same phase and start: continued as stored");
        GateLedger garbled = GateLedger.open(PLAN, 0, engine.thresholds(PLAN, PLAN.phases().get(0), now, T0),
                stored.replace("gate 0=", "gate 0=x,"));
        assertNotEquals(stored, garbled.encode(), "an unreadable ledger is begun again, not half restored");
    }
}
