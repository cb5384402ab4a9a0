package dev.ringmaster.core.gate;

import java.util.List;

/**
 * A check (tests passed, smoke test, load test) is what it last reported; there is nothing to estimate. A report
 * from before the current phase says nothing about the build now in it.
 */
final class CheckJudge implements Statistic {
    static final String METHOD = "latest check report";

    private final Criterion criterion;
    private final Thresholds t;
    private final List<Sample> samples;

    CheckJudge(Criterion criterion, Thresholds t, List<Sample> samples) {
        this.criterion = criterion;
        this.t = t;
        this.samples = samples;
    }

    @Override
    public boolean present(int i) {
        return samples.get(i).canary() instanceof Measure.Check;
    }

    @Override
    public Outcome outcome(int from, int to, double alphaFail) {
        Measure.Check c = latest(from, to);
        if (c == null || stale(c)) {
            return Outcome.INCONCLUSIVE;
        }
        return c.pass() ? Outcome.PASS : Outcome.FAIL;
    }

    @Override
    public Verdict judge(int from, int to, double alphaFail) {
        Thresholds t = this.t.withAlphaFail(alphaFail);
        Measure.Check c = latest(from, to);
        if (c == null) {
            return Report.noData(criterion, t, 1, METHOD, "no data: no report in scope");
        }
        Outcome o = outcome(from, to, alphaFail);
        String reason = (stale(c) ? "stale: reported before this phase (" : (c.pass() ? "passed (" : "failed ("))
                + c.reportedAt() + ")";
        return Report.plain(o, criterion, t, c.pass() ? 1 : 0, 1, 1, METHOD, reason, -1);
    }

    private boolean stale(Measure.Check c) {
        return c.reportedAt().isBefore(t.phaseStart());
    }

    private Measure.Check latest(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (samples.get(i).canary() instanceof Measure.Check c) {
                return c;
            }
        }
        return null;
    }
}
