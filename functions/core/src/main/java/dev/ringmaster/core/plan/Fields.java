package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping of the plan, read against the keys it may have. Every read names its path, so each
 * error says where it is; {@link #rejectUnknown} reports keys nobody asked for, with the nearest known key.
 */
final class Fields {
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Node node;
    private final String path;
    private final Problems problems;
    private final List<String> known;

    private Fields(Node node, String path, Problems problems, List<String> known) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.known = known;
    }

    /** The mapping at {@code node}, or an empty one (with an error) when it is not a mapping. */
    static Fields of(Node node, String path, Problems problems, List<String> known) {
        Fields f = new Fields(node, path, problems, known);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                if (f.entries.containsKey(key)) {
                    problems.add(t.getKeyNode(), f.child(key), "duplicate key '" + key + "'");
                } else {
                    f.entries.put(key, t);
                }
            }
        } else if (node != null) {
            problems.add(node, path, "must be a mapping of " + String.join(", ", known) + ", not " + show(node));
        }
        return f;
    }

    /** The same mapping read against other known keys, once its type is known (duplicates were reported already). */
    Fields withKnown(List<String> otherKnown) {
        Fields f = new Fields(node, path, problems, otherKnown);
        f.entries.putAll(entries);
        return f;
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
    }

    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    /** The node to point at for an error about {@code key}: its value, or the mapping when absent. */
    Node at(String key) {
        Node v = get(key);
        return v != null ? v : node;
    }

    void error(String key, String message) {
        problems.add(at(key), child(key), message);
    }

    void rejectUnknown() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getValue().getKeyNode(), child(e.getKey()),
                        "unknown key '" + e.getKey() + "'" + Suggest.hint(e.getKey(), known));
            }
        }
    }

    Optional<String> string(String key, boolean required) {
        Node v = get(key);
        if (v == null) {
            if (required) {
                problems.add(node, child(key), "is required");
            }
            return Optional.empty();
        }
        if (v instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        problems.add(v, child(key), "must be a single value, not " + show(v));
        return Optional.empty();
    }

    Optional<Duration> duration(String key, boolean required) {
        return string(key, required).flatMap(text -> {
            Optional<Duration> d = Durations.parse(text);
            if (d.isEmpty()) {
                error(key, "bad duration '" + text + "': use a number and a unit s, m, h or d, like 30s, 5m, 4h, 2d");
            }
            return d;
        });
    }

    Optional<Boolean> bool(String key) {
        Node v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT)));
        }
        problems.add(v, child(key), "must be true or false, not " + show(v));
        return Optional.empty();
    }

    Optional<Double> number(String key) {
        Node v = get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return Optional.of(Double.parseDouble(s.getValue()));
            } catch (NumberFormatException e) {
                // falls through to the error: YAML floats like .inf are not plan numbers
            }
        }
        problems.add(v, child(key), "must be a number, not " + show(v));
        return Optional.empty();
    }

    /** A list of scalars; a single scalar is taken as a list of one. */
    List<String> strings(String key) {
        Node v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof ScalarNode s) {
            out.add(s.getValue());
        } else if (v instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode s) {
                    out.add(s.getValue());
                } else {
                    problems.add(item, child(key) + "[" + i + "]", "must be a single value, not " + show(item));
                }
            }
        } else {
            problems.add(v, child(key), "must be a list, not " + show(v));
        }
        return out;
    }

    /** Items of a list, each with its path; an error when the value is not a list. */
    List<Node> items(String key) {
        Node v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problems.add(v, child(key), "must be a list, not " + show(v));
        return List.of();
    }

    /** The plain value of any node: String, Long, Double, Boolean, List or Map (for target keys and flags). */
    static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String text = s.getValue();
            try {
                if (tag.equals(Tag.INT)) {
                    return Long.parseLong(text);
                }
                if (tag.equals(Tag.FLOAT)) {
                    return Double.parseDouble(text);
                }
            } catch (NumberFormatException e) {
                return text;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            return text;
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(i -> out.add(plain(i)));
            return out;
        }
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                out.put(t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?", plain(t.getValueNode()));
            }
            return out;
        }
        return null;
    }

    Map<String, Node> entries() {
        Map<String, Node> out = new LinkedHashMap<>();
        entries.forEach((k, t) -> out.put(k, t.getValueNode()));
        return out;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String show(Node n) {
        if (n instanceof ScalarNode s) {
            return "'" + s.getValue() + "'";
        }
        return n instanceof SequenceNode ? "a list" : "a mapping";
    }
}
