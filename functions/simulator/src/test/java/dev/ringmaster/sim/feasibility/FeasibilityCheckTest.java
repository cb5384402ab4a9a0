package dev.ringmaster.sim.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The feasibility check's rules, on one-phase plans run 200 times and judged by the real gate engine. */
class FeasibilityCheckTest {
    private static final Map<String, Double> HEALTHY = Map.of("crash_rate", 0.002, "error_rate", 0.002, "latency_p75", 200.0,
            "db_errors", 2.0);

    /** One phase at {@code audience} with {@code gate} (a flow mapping's inside) and {@code timing} (soak, maxSoak). */
    private static Plan plan(String audience, String timing, String gate) {
        String yaml = """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: feasible, app: com.example.app, version: "1.0.0", previousVersion: "0.9.0"}
                spec:
                  target: {type: google-play, packageName: com.example.app, track: production, versionCodes: [100]}
                  sources:
                    prometheus: {url: "https://prometheus.example"}
                  metrics:
                    crash_rate:  {kind: rate, source: prometheus, query: {bad: 'crashed{v="$version"}', total: 'sessions{v="$version"}'}}
                    error_rate:  {kind: rate, source: prometheus, query: {bad: 'failed{v="$version"}', total: 'requests{v="$version"}'}}
                    latency_p75: {kind: gauge, source: prometheus, query: {value: 'p75{v="$version"}'}}
                    db_errors:   {kind: count, source: prometheus, query: {value: 'db_errors{v="$version"}'}}
                    smoke:       {kind: check}
                  phases:
                    - {name: canary, %s, %s, gates: [{%s}, {metric: smoke, pass: true}]}
                    - {name: full, audience: 100%%}
                """.formatted(audience, timing, gate);
        ParseResult r = PlanParser.parse("feasible.yaml", yaml);
        assertEquals(List.of(), r.errors(), yaml);
        return r.plan();
    }

    private static Row row(Plan plan, double sessionsPerHour, Map<String, Double> healthy) {
        List<Row> rows = FeasibilityCheck.of(plan, Assumptions.atTraffic(sessionsPerHour, healthy));
        assertEquals(1, rows.size(), "one row: the check is reported, not sampled: " + rows);
        return rows.get(0);
    }

    private static Row crash(String timing, String margin, double sessionsPerHour) {
        return crash("audience: 5%", timing, margin, sessionsPerHour);
    }

    private static Row crash(String audience, String timing, String margin, double sessionsPerHour) {
        return row(plan(audience, timing, "metric: crash_rate, maxRelative: 1.1" + margin), sessionsPerHour, HEALTHY);
    }

    @Test
    void aGateWhose99thPercentileRunNeedsMoreThanItsSoakIsFlaggedWithTheSoakThatWouldFit() {
        Row r = crash("soak: 12h", "", 2_000_000);
        assertEquals(Row.Status.TOO_SLOW, r.status(), r.verdict());
        assertTrue(r.medianToPass().compareTo(Duration.ofHours(12)) <= 0, "the median run PASSes in time: " + r.timeToPass());
        assertTrue(r.p99ToPass().compareTo(Duration.ofHours(12)) > 0, r.p99Column());
        assertTrue(r.verdict().startsWith("cannot PASS within soak 12h in 99 % of runs (p99 " + r.p99Column() + "); fits with soak ≥ "
                + r.p99Column() + ", margin ≥ "), r.verdict());
        assertTrue(r.verdict().endsWith(", or onInconclusive: advance (without maxSoak it holds until then)"), r.verdict());
        assertTrue(r.warns());
    }

    @Test
    void theSoakThatWouldFitDoesFit() {
        Row slow = crash("soak: 12h", "", 2_000_000);
        long hours = (slow.p99ToPass().toMinutes() + 59) / 60;
        Row fitted = crash("soak: " + hours + "h", "", 2_000_000);
        assertEquals(Row.Status.IN_SOAK, fitted.status(), fitted.verdict());
    }

    @Test
    void aLargerMarginIsNamedWhenItFitsAndTheOneBelowItDoesNot() {
        Row slow = crash("soak: 24h, maxSoak: 96h", "", 20_000);
        assertEquals(Row.Status.TOO_SLOW, slow.status());
        assertTrue(slow.verdict().startsWith("cannot PASS within maxSoak 96h in 99 % of runs (p99 > 384h); fits with margin ≥ "),
                slow.verdict());
        double m = slow.fitsMargin();
        assertTrue(slow.verdict().contains("margin ≥ " + dev.ringmaster.core.plan.Numbers.plain(m)), slow.verdict());
        assertTrue(crash("soak: 24h, maxSoak: 96h", ", margin: " + m, 20_000).status() != Row.Status.TOO_SLOW);
        double below = Math.round((m - 0.01) * 100) / 100.0;
        assertEquals(Row.Status.TOO_SLOW, crash("soak: 24h, maxSoak: 96h", ", margin: " + below, 20_000).status());
    }

    @Test
    void onInconclusiveAdvanceIsSaidInsteadOfAFix() {
        Row r = row(plan("audience: 5%", "soak: 24h", "metric: crash_rate, maxRelative: 1.1, onInconclusive: advance"), 20_000, HEALTHY);
        assertTrue(r.verdict().endsWith("; advances anyway after soak (onInconclusive: advance)"), r.verdict());
    }

    @Test
    void aGateWhoseMedianRunPassesWithinTheSoakBut99PercentOnlyWithinMaxSoakIsDecidableAfterSoak() {
        Row r = crash("audience: 25%", "soak: 24h, maxSoak: 96h", "", 200_000);
        assertTrue(r.medianToPass().compareTo(Duration.ofHours(24)) <= 0, r.timeToPass());
        assertTrue(r.p99ToPass().compareTo(Duration.ofHours(24)) > 0, r.p99Column());
        assertEquals(Row.Status.AFTER_SOAK, r.status(), r.verdict());
        assertEquals("decidable after soak, within maxSoak 96h", r.verdict());
        assertTrue(!r.warns());
    }

    @Test
    void aMedianBeyondTheHorizonOfFourTimesTheLimitIsShownAsBeyondIt() {
        Row r = crash("audience: 1%", "soak: 24h, maxSoak: 96h", "", 20_000);
        assertEquals(null, r.medianToPass());
        assertEquals("> 384h", r.timeToPass());
        assertEquals("> 384h", r.p99Column());
    }

    @Test
    void theSameInputsGiveTheSameRows() {
        assertEquals(crash("soak: 24h, maxSoak: 96h", "", 200_000), crash("soak: 24h, maxSoak: 96h", "", 200_000));
    }

    @Test
    void catchingAX2BuildTakesLongerAsTrafficFallsWhileTheSessionsItReachesStayAlike() {
        Row small = crash("soak: 24h", "", 20_000);
        Row medium = crash("soak: 24h", "", 200_000);
        Row large = crash("soak: 24h", "", 2_000_000);
        for (Row r : List.of(small, medium, large)) {
            assertEquals(Row.X2.CAUGHT, r.x2(), r.exposureColumn());
        }
        assertTrue(small.toFail().compareTo(medium.toFail()) > 0 && medium.toFail().compareTo(large.toFail()) > 0,
                small.exposureColumn() + " / " + medium.exposureColumn() + " / " + large.exposureColumn());
        // The evidence is per session: the canary sessions a ×2 build reaches barely depend on the traffic (ticks round up).
        assertTrue(Math.abs(small.meanExposure() - medium.meanExposure()) < 0.25 * medium.meanExposure(), small.exposureColumn());
    }

    @Test
    void aLargerAudienceDecidesSooner() {
        Row five = crash("soak: 24h", "", 200_000);
        Row quarter = row(plan("audience: 25%", "soak: 24h", "metric: crash_rate, maxRelative: 1.1"), 200_000, HEALTHY);
        assertTrue(quarter.medianToPass().compareTo(five.medianToPass()) < 0, quarter.timeToPass() + " vs " + five.timeToPass());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a ×2 build that stays within an absolute bound is said to|metric: error_rate, max: 0.01|×2 within the bound|decidable within soak",
            "a gauge is judged on its per-tick noise|metric: latency_p75, maxRelative: 1.2|250 sessions (15m)|decidable within soak",
            "a count is split like the sessions|metric: db_errors, max: 0.15|13,605 sessions (13h)|decidable within soak",
            "a count whose ×2 stays within the bound on the canary's share|metric: db_errors, max: 1|×2 within the bound|decidable within soak"})
    void everyKindIsEstimated(String rule, String gate, String exposure, String verdict) {
        Row r = row(plan("audience: 5%", "soak: 24h", gate), 20_000, HEALTHY);
        assertEquals(exposure, r.exposureColumn(), rule);
        assertEquals(verdict, r.verdict(), rule);
    }

    @Test
    void aHealthyValueBeyondTheBoundIsAHealthyBuildThatFails() {
        Row r = row(plan("audience: 5%", "soak: 24h", "metric: error_rate, max: 0.001"), 20_000, HEALTHY);
        assertEquals(Row.Status.FAILS_HEALTHY, r.status());
        assertTrue(r.verdict().startsWith("a healthy build FAILs this gate after "), r.verdict());
        assertTrue(r.verdict().endsWith(": healthy 0.002 is beyond ≤ 0.001"), r.verdict());
    }

    @Test
    void aGateWithoutAHealthyValueCannotBeEstimated() {
        Row r = row(plan("audience: 5%", "soak: 24h", "metric: crash_rate, maxRelative: 1.1"), 20_000, Map.of());
        assertEquals(Row.Status.NO_HEALTHY, r.status());
        assertEquals("no healthy value for crash_rate: cannot estimate", r.verdict());
        assertEquals("-", r.timeToPass());
    }

    @Test
    void aCohortWithoutAPercentCannotBeEstimated() {
        Row r = row(plan("cohort: beta", "soak: 24h", "metric: crash_rate, maxRelative: 1.1"), 20_000, HEALTHY);
        assertEquals(Row.Status.NO_SHARE, r.status());
        assertEquals("no percent audience (cohort beta): cannot estimate", r.verdict());
    }

    @Test
    void aBuildTwiceAsBadDoublesWhatIsBadAndHalvesWhatIsGood() {
        assertEquals(0.004, FeasibilityCheck.worse(dev.ringmaster.core.plan.MetricKind.RATE,
                new dev.ringmaster.core.plan.Bound(dev.ringmaster.core.plan.Bound.Type.MAX, 0.01), 0.002), 1e-12);
        assertEquals(0.996, FeasibilityCheck.worse(dev.ringmaster.core.plan.MetricKind.RATE,
                new dev.ringmaster.core.plan.Bound(dev.ringmaster.core.plan.Bound.Type.MIN, 0.99), 0.998), 1e-12);
        assertEquals(300, FeasibilityCheck.worse(dev.ringmaster.core.plan.MetricKind.GAUGE,
                new dev.ringmaster.core.plan.Bound(dev.ringmaster.core.plan.Bound.Type.MIN_RELATIVE, 0.9), 600), 1e-12);
    }
}
