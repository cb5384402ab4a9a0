package dev.ringmaster.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code spec.metrics}: each metric's kind, source and the query keys that source needs. */
final class MetricsReader {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");
    private static final List<String> KEYS = List.of("kind", "source", "query", "description");

    private MetricsReader() {
    }

    /** Every declared metric; the value is null where its definition has errors. */
    static Map<String, MetricDef> read(Fields spec, Problems problems) {
        Map<String, MetricDef> out = new LinkedHashMap<>();
        Node node = spec.get("metrics");
        if (node == null) {
            return out;
        }
        Fields all = Fields.of(node, spec.child("metrics"), problems, List.of());
        all.entries().forEach((name, def) -> {
            String path = all.child(name);
            if (!NAME.matcher(name).matches()) {
                problems.add(all.keyNode(name), path, "metric name '" + name + "' must match " + NAME.pattern());
            }
            // A metric with errors is still declared: gates naming it must not repeat its error as "not defined".
            out.put(name, read(name, Fields.of(def, path, problems, KEYS), problems).orElse(null));
        });
        return out;
    }

    private static Optional<MetricDef> read(String name, Fields f, Problems problems) {
        f.rejectUnknown();
        Optional<MetricKind> kind = f.string("kind", true).flatMap(k -> {
            try {
                return Optional.of(MetricKind.valueOf(k.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                List<String> kinds = List.of("rate", "gauge", "count", "check");
                f.error("kind", "unknown kind '" + k + "'" + Suggest.hint(k, kinds) + "; one of " + String.join(", ", kinds));
                return Optional.empty();
            }
        });
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> sourceKey = f.string("source", kind.get() != MetricKind.CHECK);
        String sourceName = sourceKey.orElse(kind.get() == MetricKind.CHECK ? MetricSource.REPORT.key : null);
        if (sourceName == null) {
            return Optional.empty();
        }
        Optional<MetricSource> source = MetricSource.of(sourceName);
        if (source.isEmpty()) {
            f.error("source", "unknown source '" + sourceName + "'" + Suggest.hint(sourceName, MetricSource.keys())
                    + "; one of " + String.join(", ", MetricSource.keys()));
            return Optional.empty();
        }
        if (!source.get().kinds.contains(kind.get())) {
            f.error("source", "source '" + sourceName + "' cannot give " + kind.get().key() + " metrics; it gives "
                    + source.get().kinds.stream().map(MetricKind::key).sorted().toList());
            return Optional.empty();
        }
        Map<String, Object> query = readQuery(f, source.get(), kind.get(), problems);
        return Optional.of(new MetricDef(name, kind.get(), source.get().key, query));
    }

    private static Map<String, Object> readQuery(Fields f, MetricSource source, MetricKind kind, Problems problems) {
        Map<String, Object> query = new LinkedHashMap<>();
        Fields q = Fields.of(f.get("query"), f.child("query"), problems, source.knownQuery());
        q.rejectUnknown();
        for (String required : source.requiredQuery(kind)) {
            List<String> alternatives = List.of(required.split("\\|"));
            if (alternatives.stream().noneMatch(q::has)) {
                problems.add(q.node() != null ? q.node() : f.node(), q.path(),
                        "source '" + source.key + "' needs " + String.join(" or ", alternatives.stream().map(a -> "'" + a + "'").toList())
                                + " for a " + kind.key() + " metric");
            }
        }
        if (q.has("bad") && q.has("good")) {
            q.error("good", "give 'bad' or 'good', not both: a rate counts one of them over 'total'");
        }
        q.entries().forEach((k, v) -> {
            Object value = Fields.plain(v);
            List<String> allowed = source.allowed(k);
            if (!allowed.isEmpty() && !allowed.contains(String.valueOf(value))) {
                q.error(k, "unknown " + k + " '" + value + "'" + Suggest.hint(String.valueOf(value), allowed)
                        + "; one of " + String.join(", ", allowed));
            }
            query.put(k, value);
        });
        return query;
    }
}
