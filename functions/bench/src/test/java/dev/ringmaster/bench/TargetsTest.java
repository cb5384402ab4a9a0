package dev.ringmaster.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.validity.PassTimes;
import dev.ringmaster.bench.validity.SparseCheck;
import dev.ringmaster.bench.validity.SpikeCheck;
import dev.ringmaster.bench.validity.ValidityGrid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GATES.md's revised targets, checked on small hand-made results: each rule named for what it asks. */
class TargetsTest {
    private static final SpikeCheck.Result SPIKE_IN_10 = new SpikeCheck.Result("beta", "error_rate ≤ 0.01 for 5m", 2, 0,
            new double[] {10, 10});
    private static final SparseCheck.Result SPARSE = SparseCheck.run(0.01 / 6);

    private static BenchResult healthy(String scenario, String policy, double falseHalt) {
        return new BenchResult(scenario, "small", policy, 100, falseHalt, 0, Double.NaN, Double.NaN, Double.NaN, 48, 576,
                List.of(), 1.0);
    }

    private static BenchResult bad(String scenario, String policy, double exposure) {
        return new BenchResult(scenario, "small", policy, 100, Double.NaN, 0, 0, exposure, exposure, Double.NaN, 10, List.of());
    }

    private static TargetCheck find(List<TargetCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + checks));
    }

    private static List<TargetCheck> check(List<BenchResult> results, SpikeCheck.Result spike, List<Double> predicted) {
        List<PassTimes.PassTime> times = List.of(new PassTimes.PassTime("small", 0, 100, 100));
        return Targets.check(results, List.of(new ValidityGrid.Cell(0.01, 50, "ringmaster", 2000, 0.004)), spike, SPARSE,
                times, predicted, 100);
    }

    @Test
    void aPeerThatHaltsMoreThanFivePercentOfHealthyBuildsIsNoBarToBeat() {
        List<BenchResult> results = new ArrayList<>(List.of(healthy("healthy", "ringmaster", 0), healthy("healthy", "naive", 1.0),
                healthy("healthy", "kayenta", 0.02), bad("crash-x2", "ringmaster", 10_000), bad("crash-x2", "naive", 200),
                bad("crash-x2", "kayenta", 40_000), bad("crash-x2", "oracle", 9_000)));
        List<TargetCheck> checks = check(results, SPIKE_IN_10, List.of(110.0));
        TargetCheck peers = find(checks, "exposure-vs-peers-crash-x2-small");
        assertTrue(peers.met(), peers.figure());
        assertTrue(peers.figure().contains("kayenta"), peers.figure());
        assertTrue(find(checks, "exposure-vs-oracle-crash-x2-small").met(), "10,000 ≤ 1.25 × 9,000");
    }

    @Test
    void exposureAboveAQuarterOverTheOracleIsNotMet() {
        List<BenchResult> results = List.of(healthy("healthy", "ringmaster", 0), bad("crash-x2", "ringmaster", 12_000),
                bad("crash-x2", "oracle", 9_000));
        assertFalse(find(check(results, SPIKE_IN_10, List.of(110.0)), "exposure-vs-oracle-crash-x2-small").met());
    }

    @Test
    void aSpikeHaltedLaterThanThirtyMinutesInAnyRunIsNotMet() {
        SpikeCheck.Result late = new SpikeCheck.Result("beta", "error_rate ≤ 0.01 for 5m", 2, 0, new double[] {10, 35});
        List<BenchResult> results = List.of(healthy("healthy", "ringmaster", 0));
        assertTrue(find(check(results, SPIKE_IN_10, List.of(110.0)), "late-spike").met());
        assertFalse(find(check(results, late, List.of(110.0)), "late-spike").met());
    }

    @Test
    void aPredictionMoreThanThirtyPercentFromTheSimulatedMedianIsNotMet() {
        List<BenchResult> results = List.of(healthy("healthy", "ringmaster", 0));
        assertTrue(find(check(results, SPIKE_IN_10, List.of(129.0)), "predicted-pass-small-1").met());
        assertFalse(find(check(results, SPIKE_IN_10, List.of(131.0)), "predicted-pass-small-1").met());
        assertFalse(find(check(results, SPIKE_IN_10, List.of(Double.NaN)), "predicted-pass-small-1").met(),
                "a prediction beyond the horizon against a simulated 100 h");
    }

    @Test
    void theValidityGridIsHeldToAlphaAndTheFixtureMustFail() {
        List<TargetCheck> checks = check(List.of(healthy("healthy", "ringmaster", 0)), SPIKE_IN_10, List.of(100.0));
        assertTrue(find(checks, "validity-grid").met());
        assertTrue(find(checks, "sparse-data").met(), find(checks, "sparse-data").figure());
    }
}
