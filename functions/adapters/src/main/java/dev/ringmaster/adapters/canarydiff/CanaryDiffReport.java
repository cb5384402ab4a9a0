package dev.ringmaster.adapters.canarydiff;

import java.time.Instant;
import java.util.List;

/**
 * A canary-diff results document as the pipeline posts it (docs/sources.md): shadow traffic
 * sent to both stable and canary, each run's mismatches of its samples, the distribution of the differences and the
 * worst cases, kept whole so a report can show them.
 *
 * @param rolloutId the rollout the runs belong to, or null when the document does not say
 * @param version   the canary version the runs compared, or null when each run says its own
 * @param source    where the document was read (a path or URL), for messages
 */
public record CanaryDiffReport(String rolloutId, String version, List<Run> runs, String source) {
    public CanaryDiffReport {
        runs = List.copyOf(runs);
    }

    /**
     * One comparison run.
     *
     * @param version    the run's own version, else the document's
     * @param diffs      each sample's difference (in whatever unit the pipeline compares; 0 = same result), possibly empty
     * @param outliers   the samples the pipeline singled out
     */
    public record Run(Instant at, String version, long samples, long mismatches, List<Double> diffs, List<Outlier> outliers) {
        public Run {
            diffs = List.copyOf(diffs);
            outliers = List.copyOf(outliers);
        }
    }

    /** A sample whose results differ: its key and both results, as JSON text (a string result keeps its quotes off). */
    public record Outlier(String key, String stable, String canary) {
    }
}
