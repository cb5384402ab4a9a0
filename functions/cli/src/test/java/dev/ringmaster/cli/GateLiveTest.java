package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.prometheus.ConnectSeries;
import dev.ringmaster.adapters.prometheus.LocalPrometheus;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's CI health gate on live metrics: {@code gate} without {@code --metrics} reads the plan's Prometheus, here a
 * real one (Debian's {@code prometheus}) backfilled with a day of VPN connect counters, the canary 2.1.0 from noon.
 */
@QuarkusMainTest
class GateLiveTest {
    private static final String UNTIL = "2026-11-30T23:55:00Z";
    private static LocalPrometheus prometheus;

    @BeforeAll
    static void start() throws Exception {
        if (LocalPrometheus.installed()) {
            prometheus = LocalPrometheus.start(ConnectSeries.openMetrics());
        }
    }

    @BeforeEach
    void needsPrometheus() {
        LocalPrometheus.assumeInstalled();
        System.setProperty("ringmaster.prometheus.url", prometheus.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("ringmaster.prometheus.url");
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** Seed 002's connect-failure gate (≤ 1 %) on one app's connect counters; the plan's URL is overridden by the setting. */
    private static String plan(String app) throws Exception {
        String selector = "{app=\"" + app + "\",version=\"$version\"}";
        Path file = Files.createTempFile("gate-" + app, ".yaml");
        Files.writeString(file, """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: vpn-%s, app: com.example.vpn, version: "2.1.0", previousVersion: "2.0.4"}
                spec:
                  target: {type: manual}
                  sources:
                    prometheus: {url: "https://prometheus.vpn.example"}
                  metrics:
                    connect_failure_rate: {kind: rate, source: prometheus,
                      query: {bad: 'sum(increase(connect_fail_total%s[$step]))', total: 'sum(increase(connect_total%s[$step]))'}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 24h, gates: [{metric: connect_failure_rate, max: 0.01}]}
                    - {name: phase-2, audience: 100%%}
                """.formatted(app, selector, selector));
        return file.toString();
    }

    @Test
    void aRegressedSeriesFails(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("gate", plan("regressed"), "--phase", "phase-1", "--window", "12h", "--until", UNTIL);

        assertEquals(1, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("window 12h until 2026-11-30T23:55:00Z"), r.getOutput());
        assertTrue(r.getOutput().contains("connect_failure_rate ≤ 0.01  FAIL"), r.getOutput());
        assertTrue(r.getOutput().contains("FAIL: connect_failure_rate ≤ 0.01 — seed 002: pause the rollout"), r.getOutput());
    }

    @Test
    void aHealthySeriesPasses(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("gate", plan("healthy"), "--phase", "phase-1", "--window", "12h", "--until", UNTIL);

        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("connect_failure_rate ≤ 0.01  PASS"), r.getOutput());
    }

    @Test
    void aWindowBeforeTheCanaryExistedHasNoData_neverAPass(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("gate", plan("healthy"), "--phase", "phase-1", "--window", "6h", "--until", "2026-11-30T11:00:00Z");

        assertEquals(3, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("no data from prometheus over the window: never a pass"), r.getOutput());
    }

    @Test
    void anUnreachablePrometheusIsExit2_namingTheSource(QuarkusMainLauncher launcher) throws Exception {
        System.setProperty("ringmaster.prometheus.url", "http://127.0.0.1:9");
        LaunchResult r = launcher.launch("gate", plan("healthy"), "--phase", "phase-1", "--window", "12h", "--until", UNTIL);

        assertEquals(2, r.exitCode(), r.getOutput() + r.getErrorOutput());
        assertTrue(r.getOutput().contains("UNREADABLE: connect_failure_rate: prometheus: ") && r.getOutput().contains("Prometheus at http://127.0.0.1:9 unreachable"), r.getOutput());
    }

    @Test
    void aBadUntilIsBadInput(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("gate", plan("healthy"), "--phase", "phase-1", "--until", "yesterday");

        assertEquals(2, r.exitCode());
        assertEquals("--until: 'yesterday' is not an ISO-8601 time like 2026-11-30T18:00:00Z", r.getErrorOutput().strip());
    }
}
