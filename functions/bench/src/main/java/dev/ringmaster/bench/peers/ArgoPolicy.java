package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Rollouts analysis as an inline {@code analysis} step per phase (PEERS.md "Argo Rollouts", lines 7-16).
 *
 * <p>Every {@code intervalTicks} ticks each metric takes one measurement: the plan's bound is the
 * {@code successCondition}, evaluated on the interval's point estimate ({@link IntervalReadings}). Only a
 * success condition is defined, so a measurement is Successful or Failed and never Inconclusive (line 8):
 * {@code inconclusiveLimit} can never trip and is not a parameter. No value is an Error, which is not a
 * measurement for {@code count}; any other measurement resets the error streak (analysis.go resets
 * {@code ConsecutiveError} on Successful, Failed and Inconclusive). After an Error Argo measures again in
 * 10 s instead of at the interval (line 7), so an interval without data is one Error per 10 s of it: 30 in
 * a 5-minute interval, which alone exceeds the default {@code consecutiveErrorLimit}. A metric is Failed
 * when failed measurements exceed {@code failureLimit} (-1 = off) and Error when the error streak exceeds
 * {@code consecutiveErrorLimit} (line 11); either aborts the rollout (line 16), so the judge answers FAIL.
 * {@code count} is unbounded and {@code consecutiveSuccessLimit} off (their defaults with an interval), so a
 * running analysis answers PASS and the harness ends it with the phase: a terminated metric is Successful
 * (line 14).
 */
public final class ArgoPolicy implements Policy {
    /** analysis.go's DefaultErrorRetryInterval. */
    static final Duration ERROR_RETRY = Duration.ofSeconds(10);

    private final int intervalTicks;
    private final int failureLimit;
    private final int consecutiveErrorLimit;

    /** One measurement per bench tick, {@code failureLimit} 0 and {@code consecutiveErrorLimit} 4: Argo's defaults. */
    public ArgoPolicy() {
        this(1, 0, 4);
    }

    public ArgoPolicy(int intervalTicks, int failureLimit, int consecutiveErrorLimit) {
        this.intervalTicks = intervalTicks;
        this.failureLimit = failureLimit;
        this.consecutiveErrorLimit = consecutiveErrorLimit;
    }

    @Override
    public String name() {
        return "argo";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        IntervalReadings intervals = new IntervalReadings(metrics, intervalTicks);
        Map<String, Integer> failed = new HashMap<>();
        Map<String, Long> consecutiveErrors = new HashMap<>();
        long errorsPerEmptyInterval = Math.max(1, tick.multipliedBy(intervalTicks).toSeconds() / ERROR_RETRY.toSeconds());
        return (at, samples) -> intervals.onTick(samples).map(readings -> {
            PhaseJudge.Call call = PhaseJudge.Call.PASS;
            for (var r : readings.entrySet()) {
                String metric = r.getKey().name();
                if (r.getValue() == IntervalReadings.Reading.NO_DATA) {
                    consecutiveErrors.merge(metric, errorsPerEmptyInterval, Long::sum);
                } else {
                    consecutiveErrors.put(metric, 0L);
                    if (r.getValue() == IntervalReadings.Reading.BEYOND) {
                        failed.merge(metric, 1, Integer::sum);
                    }
                }
                boolean errored = consecutiveErrors.get(metric) > consecutiveErrorLimit;
                boolean failedOut = failureLimit >= 0 && failed.getOrDefault(metric, 0) > failureLimit;
                if (errored || failedOut) {
                    call = PhaseJudge.Call.FAIL;
                }
            }
            return call;
        }).orElse(PhaseJudge.Call.PASS);
    }
}
