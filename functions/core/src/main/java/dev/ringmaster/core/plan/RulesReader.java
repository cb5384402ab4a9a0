package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Gates and halt rules: the metric they name and exactly one bound, checked against the metric's kind. */
final class RulesReader {
    private static final List<String> BOUND_KEYS = List.of("max", "min", "maxRelative", "minRelative", "pass");
    private static final List<String> GATE_KEYS = List.of("metric", "max", "min", "maxRelative", "minRelative", "pass",
            "window", "margin", "onInconclusive");
    private static final List<String> HALT_KEYS = List.of("metric", "max", "min", "maxRelative", "minRelative", "pass",
            "for", "window", "severity", "action");

    private RulesReader() {
    }

    static List<Gate> gates(Fields parent, Map<String, MetricDef> metrics, Problems problems) {
        List<Gate> out = new ArrayList<>();
        List<Node> items = parent.items("gates");
        for (int i = 0; i < items.size(); i++) {
            int before = problems.size();
            Head head = head(items.get(i), parent.child("gates") + "[" + i + "]", GATE_KEYS, metrics, problems);
            Fields f = head.fields();
            Duration window = f.duration("window", false).orElse(null);
            Double margin = f.number("margin").orElse(null);
            if (margin != null && (margin < 0 || margin >= 1)) {
                f.error("margin", "margin " + Numbers.plain(margin) + " must be in [0, 1): 0.1 means 10 %");
            }
            boolean advance = f.string("onInconclusive", false).map(v -> switch (v) {
                case "advance" -> true;
                case "hold" -> false;
                default -> {
                    f.error("onInconclusive", "unknown onInconclusive '" + v + "'; one of hold, advance");
                    yield false;
                }
            }).orElse(false);
            if (problems.size() == before && head.bound() != null) {
                out.add(new Gate(head.metric().name(), head.bound(), window, margin, advance));
            }
        }
        return out;
    }

    static List<HaltRule> haltRules(Fields spec, Map<String, MetricDef> metrics, Problems problems) {
        List<HaltRule> out = new ArrayList<>();
        List<Node> items = spec.items("haltRules");
        for (int i = 0; i < items.size(); i++) {
            int before = problems.size();
            Head head = head(items.get(i), spec.child("haltRules") + "[" + i + "]", HALT_KEYS, metrics, problems);
            Fields f = head.fields();
            Duration sustain = f.duration("for", false).orElse(Duration.ZERO);
            Duration window = f.duration("window", false).orElse(null);
            Severity severity = f.string("severity", false).map(s -> named(f, "severity", s, Severity.class))
                    .orElse(Severity.CRITICAL);
            HaltAction action = f.string("action", false).map(s -> named(f, "action", s, HaltAction.class))
                    .orElse(HaltAction.PAUSE);
            if (problems.size() == before && head.bound() != null) {
                out.add(new HaltRule(head.metric().name(), head.bound(), sustain, window, severity, action));
            }
        }
        return out;
    }

    /** What gates and halt rules share: the mapping, its metric and its one bound (null where in error). */
    private record Head(Fields fields, MetricDef metric, Bound bound) {
    }

    private static Head head(Node item, String path, List<String> keys, Map<String, MetricDef> metrics, Problems problems) {
        Fields f = Fields.of(item, path, problems, keys);
        f.rejectUnknown();
        Optional<MetricDef> metric = metric(f, metrics);
        Optional<Bound> bound = metric.flatMap(m -> bound(f, m, metrics));
        return new Head(f, metric.orElse(null), bound.orElse(null));
    }

    static <E extends Enum<E>> E named(Fields f, String key, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
        f.error(key, "unknown " + key + " '" + value + "'" + Suggest.hint(value, names) + "; one of " + String.join(", ", names));
        return null;
    }

    private static Optional<MetricDef> metric(Fields f, Map<String, MetricDef> metrics) {
        return f.string("metric", true).flatMap(name -> {
            MetricDef m = metrics.get(name);
            if (m == null && !metrics.containsKey(name)) {
                f.error("metric", "metric '" + name + "' is not defined under spec.metrics" + Suggest.hint(name, metrics.keySet()));
            }
            return Optional.ofNullable(m);
        });
    }

    private static Optional<Bound> bound(Fields f, MetricDef metric, Map<String, MetricDef> metrics) {
        List<String> given = BOUND_KEYS.stream().filter(f::has).toList();
        if (given.size() != 1) {
            f.error(given.isEmpty() ? "metric" : given.get(1),
                    given.isEmpty() ? "needs one bound: max, min, maxRelative, minRelative or pass"
                            : "has " + String.join(" and ", given) + ": give exactly one bound");
            return Optional.empty();
        }
        String key = given.get(0);
        Bound.Type type = java.util.Arrays.stream(Bound.Type.values()).filter(t -> t.key.equals(key)).findFirst().orElseThrow();
        if (metric.kind() == MetricKind.CHECK || type == Bound.Type.PASS) {
            if (metric.kind() != MetricKind.CHECK) {
                f.error(key, "'pass' is for check metrics; '" + metric.name() + "' is a " + metric.kind().key() + ": use max or min");
                return Optional.empty();
            }
            if (type != Bound.Type.PASS) {
                f.error(key, "'" + metric.name() + "' is a check metric: use 'pass: true'");
                return Optional.empty();
            }
            return f.bool("pass").filter(b -> {
                if (!b) {
                    f.error("pass", "'pass: false' would gate on a failing check: use 'pass: true'");
                }
                return b;
            }).map(b -> new Bound(Bound.Type.PASS, 1));
        }
        Optional<Double> value = boundValue(f, key, metric);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        double v = value.get();
        Bound bound = new Bound(type, v);
        if (bound.relative()) {
            MetricSource source = MetricSource.of(metric.source()).orElseThrow();
            if (!source.hasBaseline) {
                f.error(key, key + " needs a baseline, and source '" + source.key + "' has none: use "
                        + (bound.upper() ? "max" : "min"));
                return Optional.empty();
            }
            if (v <= 0) {
                f.error(key, key + " " + Numbers.plain(v) + " must be above 0: 1.10 means 110 % of the baseline");
                return Optional.empty();
            }
        } else if (v < 0) {
            f.error(key, key + " " + Numbers.plain(v) + " must not be negative");
            return Optional.empty();
        } else if (metric.kind() == MetricKind.RATE && v > 1) {
            f.error(key, key + " " + Numbers.plain(v) + " is above 1, and a rate is a fraction: write 0.005 or '0.5%' for half a percent");
            return Optional.empty();
        }
        return Optional.of(bound);
    }

    /** A bound is a number, or for rates a percentage string like '0.5%'. */
    private static Optional<Double> boundValue(Fields f, String key, MetricDef metric) {
        Node n = f.get(key);
        if (n instanceof ScalarNode s && s.getValue().endsWith("%") && metric.kind() == MetricKind.RATE) {
            try {
                return Optional.of(Double.parseDouble(s.getValue().substring(0, s.getValue().length() - 1).trim()) / 100);
            } catch (NumberFormatException e) {
                f.error(key, "bad percentage '" + s.getValue() + "'");
                return Optional.empty();
            }
        }
        return f.number(key);
    }
}
