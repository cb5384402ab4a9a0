package dev.ringmaster.bench;

import java.util.Map;

/**
 * What the simulator knows: per metric, the true baseline and canary value (for a late-onset regression,
 * the canary value after the onset). The oracle policy reads it; no other policy may.
 */
public record TrueEffect(Map<String, double[]> baselineAndCanary) {

    public double baseline(String metric) {
        return baselineAndCanary.get(metric)[0];
    }

    public double canary(String metric) {
        return baselineAndCanary.get(metric)[1];
    }
}
