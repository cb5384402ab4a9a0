package dev.ringmaster.adapters.prometheus;

import static dev.ringmaster.adapters.prometheus.ConnectSeries.ROLLOUT;
import static dev.ringmaster.adapters.prometheus.ConnectSeries.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prometheus source against a real Prometheus holding known counters ({@link ConnectSeries}). */
class RealPrometheusTest {
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final Release RELEASE = new Release("vpn-2-1-0", "com.example.vpn", "2.1.0", "2.0.4", null, ROLLOUT);
    private static LocalPrometheus prometheus;
    private static PrometheusMetricSource source;

    @BeforeAll
    static void start() throws Exception {
        if (LocalPrometheus.installed()) {
            prometheus = LocalPrometheus.start(ConnectSeries.openMetrics());
            source = new PrometheusMetricSource(prometheus.baseUrl(), Map.of(), new Http(Http.client(), Http.Policy.DEFAULT, "prometheus"));
        }
    }

    @BeforeEach
    void needsPrometheus() {
        LocalPrometheus.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** Exact per-step counts: the counter now less the counter one step ago (no extrapolation, unlike increase()). */
    private static String delta(String counter, String selector) {
        return "sum(" + counter + selector + ") - sum(" + counter + selector + " offset $step)";
    }

    private static MetricDef failureRate(String app, boolean exact) {
        String selector = "{app=\"" + app + "\",version=\"$version\"}";
        Map<String, Object> query = exact
                ? Map.of("bad", delta("connect_fail_total", selector), "total", delta("connect_total", selector))
                : Map.of("bad", "sum(increase(connect_fail_total" + selector + "[$step]))", "total", "sum(increase(connect_total" + selector + "[$step]))");
        return new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus", query);
    }

    @Test
    void eachStep_readsExactlyTheCountsWritten_forTheCanaryAndThePreviousVersion() {
        Instant to = ROLLOUT.plus(Duration.ofHours(2));

        List<Sample> samples = source.read(failureRate("regressed", true), RELEASE, ROLLOUT, to);

        assertEquals(24, samples.size());
        Instant at = ROLLOUT;
        for (Sample s : samples) {
            at = at.plus(STEP);
            assertEquals(at, s.at());
            assertEquals(new Measure.Counts(sum(true, "regressed", "2.1.0", at, STEP), sum(false, "regressed", "2.1.0", at, STEP)), s.canary(), at.toString());
            assertEquals(new Measure.Counts(sum(true, "regressed", "2.0.4", at, STEP), sum(false, "regressed", "2.0.4", at, STEP)), s.baseline(), at.toString());
        }
    }

    @Test
    void withIncrease_theRegressedCanaryShowsTheHigherRate_andTheHealthyOneDoesNot() {
        Instant to = ROLLOUT.plus(Duration.ofHours(6));
        double[] regressed = rates(source.read(failureRate("regressed", false), RELEASE, ROLLOUT, to));
        double[] healthy = rates(source.read(failureRate("healthy", false), RELEASE, ROLLOUT, to));

        assertTrue(regressed[0] > 5 * regressed[1], "regressed canary " + regressed[0] + " vs baseline " + regressed[1]);
        assertTrue(regressed[0] > 0.04 && regressed[0] < 0.08, "about 6 %: " + regressed[0]);
        assertTrue(healthy[0] < 2 * healthy[1] && healthy[1] < 2 * healthy[0], "healthy canary " + healthy[0] + " vs baseline " + healthy[1]);
    }

    /** {canary rate, baseline rate} over all samples. */
    private static double[] rates(List<Sample> samples) {
        assertEquals(72, samples.size());
        long cb = 0, ct = 0, bb = 0, bt = 0;
        for (Sample s : samples) {
            Measure.Counts c = (Measure.Counts) s.canary();
            Measure.Counts b = (Measure.Counts) s.baseline();
            cb += c.bad();
            ct += c.total();
            bb += b.bad();
            bt += b.total();
        }
        return new double[] {(double) cb / ct, (double) bb / bt};
    }

    @Test
    void aQueryWithoutVersion_takesItsBaselineFromTheHourBeforeTheRolloutStarted() {
        String selector = "{app=\"regressed\"}";
        MetricDef allVersions = new MetricDef("connect_failure_rate", MetricKind.RATE, "prometheus",
                Map.of("bad", delta("connect_fail_total", selector), "total", delta("connect_total", selector)));

        List<Sample> samples = source.read(allVersions, RELEASE, ROLLOUT, ROLLOUT.plus(Duration.ofHours(1)));

        assertEquals(12, samples.size());
        for (Sample s : samples) {
            Instant before = s.at().minus(Duration.ofHours(1));
            assertEquals(new Measure.Counts(sum(true, "regressed", "2.0.4", s.at(), STEP) + sum(true, "regressed", "2.1.0", s.at(), STEP),
                    sum(false, "regressed", "2.0.4", s.at(), STEP) + sum(false, "regressed", "2.1.0", s.at(), STEP)), s.canary());
            assertEquals(new Measure.Counts(sum(true, "regressed", "2.0.4", before, STEP), sum(false, "regressed", "2.0.4", before, STEP)), s.baseline());
        }
    }

    @Test
    void anInstantRead_isTheStepEndingAtTo() {
        Instant to = ROLLOUT.plus(Duration.ofHours(2));

        List<Sample> samples = source.read(failureRate("healthy", true), RELEASE, null, to);

        assertEquals(List.of(new Sample(to,
                new Measure.Counts(sum(true, "healthy", "2.1.0", to, STEP), sum(false, "healthy", "2.1.0", to, STEP)),
                new Measure.Counts(sum(true, "healthy", "2.0.4", to, STEP), sum(false, "healthy", "2.0.4", to, STEP)))), samples);
    }

    @Test
    void beforeTheCanaryExists_thereIsNoData_notZero() {
        List<Sample> samples = source.read(failureRate("healthy", true), RELEASE, ROLLOUT.minus(Duration.ofHours(1)), ROLLOUT);

        assertEquals(List.of(), samples);
    }

    @Test
    void aRangeBeyondPrometheusesPointLimit_isReadInPieces() {
        PrometheusMetricSource fine = new PrometheusMetricSource(prometheus.baseUrl(), Map.of(),
                new Http(Http.client(), Http.Policy.DEFAULT, "prometheus"), Duration.ofSeconds(5));
        MetricDef connects = new MetricDef("connects", MetricKind.GAUGE, "prometheus",
                Map.of("value", "sum(connect_total{app=\"healthy\",version=\"2.0.4\"})"));
        Instant from = ConnectSeries.DAY;
        Instant to = from.plus(Duration.ofHours(18));

        List<Sample> samples = fine.read(connects, "vpn-2-1-0", "2.1.0", from, to);

        assertEquals(18 * 60 * 12, samples.size(), "12,960 points: more than one request may ask for");
        long written = sum(false, "healthy", "2.0.4", Instant.parse("2026-11-30T10:00:00Z"), Duration.ofHours(10));
        assertEquals(new Sample(Instant.parse("2026-11-30T10:00:00Z"), new Measure.Value(written), null),
                samples.stream().filter(s -> s.at().equals(Instant.parse("2026-11-30T10:00:00Z"))).findFirst().orElseThrow());
        assertNull(samples.get(0).baseline());
    }

    @Test
    void prometheusesOwnRefusals_areUnavailable_withItsErrorText() {
        MetricDef unparsable = new MetricDef("m", MetricKind.GAUGE, "prometheus", Map.of("value", "sum(connect_total{app=\"healthy\""));
        MetricDef perSeries = new MetricDef("m", MetricKind.GAUGE, "prometheus", Map.of("value", "connect_total"));
        Instant to = ROLLOUT.plus(Duration.ofHours(1));

        String parse = assertThrows(MetricSource.Unavailable.class, () -> source.read(unparsable, RELEASE, ROLLOUT, to)).getMessage();
        String several = assertThrows(MetricSource.Unavailable.class, () -> source.read(perSeries, RELEASE, ROLLOUT, to)).getMessage();

        assertTrue(parse.contains("HTTP 400 bad_data") && parse.contains("parse error"), parse);
        assertTrue(several.contains("returned 4 series") && several.contains("must aggregate to one series"), several);
    }
}
