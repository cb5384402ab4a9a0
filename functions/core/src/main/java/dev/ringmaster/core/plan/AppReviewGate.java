package dev.ringmaster.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 002: an App Review phase is done only when Apple approved the version; a rejection fails it (onGateFail
 * halts and tells people). Every phase whose target is app-review gets the gate {@code app_review pass: true}
 * on the implicit metric {@code app_review} (source app-review), so it waits, visibly, for as long as review
 * takes and is never shown completed before.
 */
public final class AppReviewGate {
    public static final String METRIC = "app_review";

    private AppReviewGate() {
    }

    static List<Phase> add(List<Phase> phases, Target planTarget, Map<String, MetricDef> metrics) {
        List<Phase> out = new ArrayList<>();
        for (Phase p : phases) {
            Target t = p.target() != null ? p.target() : planTarget;
            if (t == null || t.type() != TargetType.APP_REVIEW || p.gates().stream().anyMatch(g -> g.metric().equals(METRIC))) {
                out.add(p);
                continue;
            }
            metrics.putIfAbsent(METRIC, new MetricDef(METRIC, MetricKind.CHECK, MetricSource.APP_REVIEW.key,
                    Map.of("appId", t.key("appId"), "versionString", t.key("versionString"))));
            List<Gate> gates = new ArrayList<>(p.gates());
            gates.add(new Gate(METRIC, new Bound(Bound.Type.PASS, 1), null, null, false));
            out.add(new Phase(p.name(), p.percent(), p.cohort(), p.groups(), p.ring(), p.size(), p.target(), p.soak(), p.maxSoak(),
                    p.rollbackWithin(), p.approval(), p.flags(), p.notifyRules(), gates));
        }
        return out;
    }
}
