package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code validate --traffic}: the feasibility table, its warnings (exit 0) and bad option values (exit 2). */
@QuarkusMainTest
class ValidateTrafficTest {
    private static final String[] HEALTHY = {"--healthy", "crash_rate=0.2%", "--healthy", "error_rate=0.002", "--healthy", "latency_p75=200"};

    private static String[] args(String plan, String traffic, String... more) {
        String[] head = {"validate", RepoPaths.path("events/plans/" + plan), "--traffic", traffic};
        String[] out = new String[head.length + more.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(more, 0, out, head.length, more.length);
        return out;
    }

    private static String[] withHealthy(String plan, String traffic) {
        return args(plan, traffic, HEALTHY);
    }

    @Test
    void theStrictBenchPlanWarnsThatItsCrashGateCannotPassWithinMaxSoakAtSmallTraffic(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch(withHealthy("bench-strict.yaml", "20000/h"));
        System.out.println(r.getOutput());
        assertEquals(0, r.exitCode(), "warnings are not errors: " + r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("feasibility at 20,000 sessions/h at 100 %: 200 seeded runs per gate, 5m ticks, gauges ±5 % per tick"), out);
        assertTrue(out.contains("PHASE    GATE                          TIME TO PASS  P99"), out);
        assertTrue(line(out, "phase-1  crash_rate").matches(".*326h +> 384h +24h / 96h +13,622 sessions \\(13h\\) +cannot PASS within maxSoak 96h "
                + "in 99 % of runs \\(p99 > 384h\\); fits with margin ≥ 0.25, or onInconclusive: advance"), out);
        assertTrue(line(out, "phase-2  crash_rate").matches(".*97h +> 384h .*\\(p99 > 384h\\); fits with margin ≥ 0.1, or onInconclusive: advance"), out);
        assertTrue(line(out, "phase-1  error_rate").matches(".*45m +1h50m +24h / 96h +×2 within the bound +decidable within soak"), out);
        assertTrue(line(out, "phase-1  latency_p75").matches(".*15m +30m +24h / 96h +250 sessions \\(15m\\) +decidable within soak"), out);
        assertTrue(out.contains("2 gates cannot be decided in time: a warning, not an error"), out);
    }

    @Test
    void theDecidableBenchPlanIsDecidedWithinEverySoakAtEveryTrafficLevel(QuarkusMainLauncher launcher) {
        for (String traffic : new String[] {"20000/h", "200000/h", "2000000/h"}) {
            LaunchResult r = launcher.launch(withHealthy("bench-decidable.yaml", traffic));
            System.out.println(r.getOutput());
            assertEquals(0, r.exitCode(), r.getErrorOutput());
            assertEquals(6, r.getOutput().lines().filter(l -> l.endsWith("decidable within soak")).count(), r.getOutput());
        }
    }

    @Test
    void aGateWithoutAHealthyValueSaysWhichOptionToPass(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch(args("bench-strict.yaml", "20000/h", "--healthy", "error_rate=0.002"));
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(line(r.getOutput(), "phase-1  crash_rate").endsWith(
                "no healthy value for crash_rate: cannot estimate (pass --healthy crash_rate=VALUE)"), r.getOutput());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "--traffic|20k|--traffic: '20k' is not sessions per hour: write a positive number and /h, like 20000/h",
            "--healthy|crash_rate|--healthy: 'crash_rate' is not METRIC=VALUE with a number ≥ 0: write crash_rate=0.002 or crash_rate=0.2%",
            "--healthy|crash_rat=0.002|--healthy: 'crash_rat=0.002': plan bench-strict has no metric 'crash_rat' (it has crash_rate, error_rate, latency_p75)",
            "--healthy|crash_rate=1.5|--healthy: 'crash_rate=1.5': crash_rate is a rate: write a fraction ≤ 1 or a percent, like 0.002 or 0.2%",
            "--gauge-noise|120%|--gauge-noise: '120%' is not a relative noise: write a fraction below 1 or a percent, like 0.05 or 5%"})
    void aBadOptionValueIsNamedAndExitsTwo(String option, String value, String message, QuarkusMainLauncher launcher) {
        String traffic = option.equals("--traffic") ? value : "20000/h";
        LaunchResult r = option.equals("--traffic") ? launcher.launch(args("bench-strict.yaml", traffic))
                : launcher.launch(args("bench-strict.yaml", traffic, option, value));
        assertEquals(2, r.exitCode(), r.getOutput());
        assertTrue(r.getErrorOutput().contains(message), r.getErrorOutput());
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }
}
