package dev.ringmaster.core.signal;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.MetricSource;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metrics nobody polls: {@code source: report} (check results given with {@code report}) and {@code source: webhook}
 * (what webhooks told), read back from the rollout's history where they were recorded. A pushed count with no
 * event in the window is zero events, not missing data: the sender reports when something happens.
 */
public final class RecordedSignals implements dev.ringmaster.core.port.MetricSource {
    /** The history entry of a report: "report smoke_tests pass". */
    public static final String REPORT = "report ";
    /**
     * The history entry of a webhook's signal: "webhook {from} {kind} {name} {metric} {value}", "-" for what it does
     * not name: "webhook generic sev1 - - 1", "webhook alertmanager alert DatabaseConnectionsExhausted - 1".
     */
    public static final String WEBHOOK = "webhook ";

    private final RolloutStore store;

    public RecordedSignals(RolloutStore store) {
        this.store = store;
    }

    /** The history entry that records {@code s} against a rollout. */
    public static HistoryEntry entry(Signal s, String rolloutId, long version, String phase) {
        String value = s.pass() != null ? (s.pass() ? "pass" : "fail") : Numbers.plain(s.count());
        List<String> reasons = new ArrayList<>();
        reasons.add(s.summary());
        if (s.metric() != null) {
            reasons.add("metric " + s.metric() + (s.firing() ? " firing (" + s.severity().key() + ")" : ""));
        }
        reasons.add("event " + s.from().key + " " + s.eventId());
        String what = WEBHOOK + String.join(" ", s.from().key, token(s.kind()), token(s.name()), token(s.metric()), value);
        return new HistoryEntry(rolloutId, s.at(), version, HistoryEntry.Kind.SIGNAL, what, phase, "webhook:" + s.from().key, reasons);
    }

    /** The plan's checks that reports feed ({@code source: report}): a result reported for any other metric never counts. */
    public static List<String> reportedChecks(dev.ringmaster.core.plan.Plan plan) {
        return plan.metrics().values().stream().filter(m -> m.kind() == MetricKind.CHECK && m.source().equals(MetricSource.REPORT.key))
                .map(MetricDef::name).toList();
    }

    /** The history entry of a check result reported by a person or CI. */
    public static HistoryEntry report(String rolloutId, Instant at, long version, String phase, String metric, boolean pass,
                                      String operator, String why) {
        return new HistoryEntry(rolloutId, at, version, HistoryEntry.Kind.COMMAND, REPORT + metric + " " + (pass ? "pass" : "fail"),
                phase, operator, List.of(why));
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        List<HistoryEntry> history = store.history(rolloutId);
        if (metric.source().equals(MetricSource.REPORT.key)) {
            return reports(history, REPORT + metric.name() + " ", to);
        }
        if (metric.kind() == MetricKind.CHECK) {
            List<Sample> out = new ArrayList<>();
            for (HistoryEntry h : history) {
                String[] w = h.what().split(" ");
                if (h.kind() == HistoryEntry.Kind.SIGNAL && !h.at().isAfter(to) && counts(metric, w) && (w[5].equals("pass") || w[5].equals("fail"))) {
                    out.add(new Sample(h.at(), new Measure.Check(w[5].equals("pass"), h.at()), null));
                }
            }
            return out;
        }
        double events = 0;
        for (HistoryEntry h : history) {
            String[] w = h.what().split(" ");
            if (h.kind() == HistoryEntry.Kind.SIGNAL && h.at().isAfter(from) && !h.at().isAfter(to) && counts(metric, w)) {
                events += value(w[5]).orElse(0.0);
            }
        }
        double minutes = Duration.between(from, to).toMillis() / 60_000.0;
        return minutes <= 0 ? List.of() : List.of(new Sample(to, new Measure.Events(events, minutes), null));
    }

    /**
     * Whether a recorded signal ({@code w}: the words of its entry) counts for a webhook metric: its {@code query.kind}
     * (by default the metric's name) is the signal's kind or its sender ("alertmanager"), and its {@code query.filter},
     * when set, is the signal's name (an alert's alertname) or the metric it names.
     */
    static boolean counts(MetricDef metric, String[] w) {
        if (w.length != 6) {
            return false;
        }
        Object k = metric.query().get("kind");
        String kind = k == null ? metric.name() : k.toString();
        Object filter = metric.query().get("filter");
        return (w[2].equals(kind) || w[1].equals(kind))
                && (filter == null || w[3].equals(token(filter.toString())) || w[4].equals(token(filter.toString())));
    }

    private static String token(String s) {
        return s == null || s.isBlank() ? "-" : s.trim().replaceAll("\\s+", "_");
    }

    /** Every result reported up to {@code to}: the gate judges the latest, and a result older than the phase is stale. */
    private static List<Sample> reports(List<HistoryEntry> history, String prefix, Instant to) {
        return history.stream()
                .filter(h -> h.kind() == HistoryEntry.Kind.COMMAND && h.what().startsWith(prefix) && !h.at().isAfter(to))
                .filter(h -> h.what().endsWith(" pass") || h.what().endsWith(" fail"))
                .map(h -> new Sample(h.at(), new Measure.Check(h.what().endsWith(" pass"), h.at()), null)).toList();
    }

    private static Optional<Double> value(String s) {
        try {
            return Optional.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
