package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** {@code spec.phases}: audience, soak, approval, flags, notify and gates of each phase. */
final class PhasesReader {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final List<String> KEYS = List.of("name", "audience", "cohort", "groups", "ring", "size", "target",
            "soak", "maxSoak", "rollbackWithin", "approval", "flags", "notify", "gates");

    private PhasesReader() {
    }

    static List<Phase> read(Fields spec, Target planTarget, Map<String, MetricDef> metrics, Problems problems) {
        List<Phase> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = spec.items("phases");
        if (spec.has("phases") && items.isEmpty() && spec.get("phases") instanceof SequenceNode) {
            spec.error("phases", "needs at least one phase");
        }
        for (int i = 0; i < items.size(); i++) {
            Fields f = Fields.of(items.get(i), spec.child("phases") + "[" + i + "]", problems, KEYS);
            f.rejectUnknown();
            int before = problems.size();
            String name = f.string("name", true).orElse("phase-" + (i + 1));
            if (!NAME.matcher(name).matches()) {
                f.error("name", "phase name '" + name + "' must match " + NAME.pattern());
            } else if (!names.add(name)) {
                f.error("name", "phase name '" + name + "' is used twice");
            }
            Double percent = f.string("audience", false).map(a -> percent(f, a)).orElse(null);
            String cohort = f.string("cohort", false).orElse(null);
            List<String> groups = f.strings("groups");
            String ring = f.string("ring", false).orElse(null);
            Target target = TargetReader.read(f.get("target"), f.child("target"), problems).orElse(null);
            Target effective = target != null ? target : planTarget;
            // Entering an app-review phase submits the version: its audience is whoever Apple releases to.
            boolean review = effective != null && effective.type() == TargetType.APP_REVIEW;
            if (!f.has("audience") && cohort == null && groups.isEmpty() && ring == null && !review) {
                problems.add(f.node(), f.child("audience"), "a phase needs an audience: audience: 10%, cohort, groups or ring");
            }
            Long size = f.number("size").map(s -> {
                if (s < 1 || s != Math.rint(s)) {
                    f.error("size", "size '" + Numbers.plain(s) + "' must be a whole number of users ≥ 1");
                }
                return s.longValue();
            }).orElse(null);
            Duration soak = f.duration("soak", false).orElse(Duration.ZERO);
            Duration maxSoak = f.duration("maxSoak", false).orElse(null);
            if (maxSoak != null && maxSoak.compareTo(soak) < 0) {
                f.error("maxSoak", "maxSoak " + Durations.format(maxSoak) + " is shorter than soak " + Durations.format(soak));
            }
            Duration rollbackWithin = f.duration("rollbackWithin", false).orElse(null);
            Approval approval = approval(f, problems);
            Map<String, Object> flags = flags(f, problems);
            List<NotifyRule> notify = f.has("notify") ? NotifyReader.read(f, problems) : null;
            List<Gate> gates = RulesReader.gates(f, metrics, problems);
            if (problems.size() == before) {
                out.add(new Phase(name, percent, cohort, groups, ring, size, target, soak, maxSoak, rollbackWithin, approval, flags, notify, gates));
            }
        }
        return out;
    }

    private static Double percent(Fields f, String text) {
        var m = PERCENT.matcher(text.trim());
        if (!m.matches()) {
            f.error("audience", "bad audience '" + text + "': use a percentage like 10% or 0.5%");
            return null;
        }
        double p = Double.parseDouble(m.group(1));
        if (p <= 0 || p > 100) {
            f.error("audience", "audience '" + text + "' is outside (0, 100]");
            return null;
        }
        return p;
    }

    private static Approval approval(Fields f, Problems problems) {
        Node n = f.get("approval");
        if (n == null) {
            return Approval.NONE;
        }
        if (n instanceof ScalarNode) {
            return f.bool("approval").map(b -> b ? Approval.byAnyone(List.of()) : Approval.NONE).orElse(Approval.NONE);
        }
        Fields a = Fields.of(n, f.child("approval"), problems, List.of("checklist", "count", "from"));
        a.rejectUnknown();
        double count = a.number("count").orElse(1.0);
        if (count < 1 || count != Math.rint(count)) {
            a.error("count", "count '" + Numbers.plain(count) + "' must be a whole number ≥ 1: how many distinct people approve");
        }
        return new Approval(true, a.strings("checklist"), (int) count, a.strings("from"));
    }

    /** Flag values are rollout percentages (0–100) or on/off. */
    private static Map<String, Object> flags(Fields f, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        Node n = f.get("flags");
        if (n == null) {
            return out;
        }
        Fields flags = Fields.of(n, f.child("flags"), problems, List.of());
        flags.entries().forEach((name, v) -> {
            Object value = Fields.plain(v);
            boolean ok = value instanceof Boolean
                    || value instanceof Number num && num.doubleValue() >= 0 && num.doubleValue() <= 100;
            if (ok) {
                out.put(name, value);
            } else {
                problems.add(v, flags.child(name), "flag value '" + value + "' must be a percentage 0–100 or true/false");
            }
        });
        return out;
    }
}
