package dev.ringmaster.core.plan;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Rules that span phases: audiences never shrink, the last one is 100 %, Apple's schedule, flag stores. */
final class PlanChecks {
    /** Apple's phased release: day 1 … 7 of automatic updates. */
    static final List<Double> APPLE_SCHEDULE = List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0);

    private PlanChecks() {
    }

    static void check(Fields spec, List<Phase> phases, boolean fromTemplate, Target target, FlagStore flagStore, Problems problems) {
        List<Node> nodes = spec.items("phases");
        if (!fromTemplate && phases.size() != nodes.size()) {
            return; // a phase already has errors; cross-phase rules would point at the wrong phase
        }
        Phase previous = null;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            Fields f = fromTemplate ? Fields.of(spec.node(), "spec.risk", new Problems(""), List.of())
                    : Fields.of(nodes.get(i), spec.child("phases") + "[" + i + "]", new Problems(""), List.of());
            String audienceKey = fromTemplate ? "risk" : "audience";
            Target t = p.target() != null ? p.target() : target;
            if (t == null && !spec.has("target")) {
                problems.add(spec.node(), "spec.target", "is required: phase '" + p.name() + "' has no target of its own");
                return;
            }
            if (p.percent() != null) {
                if (previous != null && p.percent() < previous.percent()) {
                    problems.add(f.at(audienceKey), f.child(audienceKey), "audience " + Numbers.plain(p.percent())
                            + "% is smaller than phase '" + previous.name() + "' (" + Numbers.plain(previous.percent())
                            + "%): percent audiences never shrink");
                }
                if (t != null && t.type() == TargetType.APP_STORE && !APPLE_SCHEDULE.contains(p.percent())) {
                    problems.add(f.at(audienceKey), f.child(audienceKey), "audience " + Numbers.plain(p.percent())
                            + "% is not on Apple's phased-release schedule (1, 2, 5, 10, 20, 50, 100 %)");
                }
                previous = p;
            }
            if (!p.flags().isEmpty() && flagStore == null && (t == null || t.type() != TargetType.FEATURE_FLAG)) {
                problems.add(f.at("flags"), f.child("flags"), "phase flags need a flag store: add spec.flagStore or use a feature-flag target");
            }
        }
        if (!phases.isEmpty()) {
            Phase last = phases.get(phases.size() - 1);
            // A template's dark deploy (ZERO: code with its flag off) is complete at 0 %.
            if (last.percent() != null && last.percent() < 100 && !(fromTemplate && last.percent() == 0)) {
                int i = phases.size() - 1;
                Fields f = fromTemplate ? null : Fields.of(nodes.get(i), spec.child("phases") + "[" + i + "]", new Problems(""), List.of());
                problems.add(f == null ? spec.node() : f.at("audience"), f == null ? "spec.risk" : f.child("audience"),
                        "the last phase reaches " + Numbers.plain(last.percent()) + "%, not 100%: add a phase at 100%");
            }
        }
    }

    /** An approval's groups are defined under spec.approvers, with at least as many people as it asks. */
    static void approvals(Fields spec, List<Phase> phases, java.util.Map<String, List<String>> approvers, Problems problems) {
        List<Node> nodes = spec.items("phases");
        if (phases.size() != nodes.size()) {
            return;
        }
        for (int i = 0; i < phases.size(); i++) {
            Approval a = phases.get(i).approval();
            if (!a.required() || a.from().isEmpty() && a.count() <= 1) {
                continue;
            }
            Fields phase = Fields.of(nodes.get(i), spec.child("phases") + "[" + i + "]", new Problems(""), List.of());
            Fields f = Fields.of(phase.get("approval"), phase.child("approval"), new Problems(""), List.of());
            java.util.Set<String> people = new java.util.TreeSet<>();
            for (String group : a.from()) {
                if (!approvers.containsKey(group)) {
                    problems.add(f.at("from"), f.child("from"), "approver group '" + group + "' is not defined under spec.approvers"
                            + Suggest.hint(group, List.copyOf(approvers.keySet())));
                } else {
                    people.addAll(approvers.get(group));
                }
            }
            if (!a.from().isEmpty() && people.size() < a.count() && a.from().stream().allMatch(approvers::containsKey)) {
                problems.add(f.at("count"), f.child("count"), "count " + a.count() + " needs " + a.count()
                        + " distinct approvers, but " + a.from() + " name only " + people.size() + ": " + people);
            }
        }
    }
}
