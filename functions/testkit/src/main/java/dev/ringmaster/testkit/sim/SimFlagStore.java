package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.FlagAudience;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One flag document (REFERENCE-targets §4, seed 004's flag JSON), written both as the plan's flag store and
 * as a feature-flag target. Flag names are dotted paths into nested objects: {@code canary.cohorts.beta.enabled}
 * is {@code {"canary": {"cohorts": {"beta": {"enabled": …}}}}}. A feature-flag target with {@code flag: canary}
 * keeps {@code canary.enabled}, {@code canary.version}, and either {@code canary.percentage} (percent phases)
 * or {@code canary.cohorts.<cohort>.enabled/percentage} (cohort phases).
 */
public final class SimFlagStore implements FlagWriter, RolloutTarget {
    private final CallLog log;
    private final Map<String, Object> document = new LinkedHashMap<>();

    public SimFlagStore(Clock clock) {
        this.log = new CallLog(clock);
    }

    @Override
    public synchronized void write(FlagStore store, Map<String, Object> flags) {
        String asked = store.provider() + " " + new TreeMap<>(store.keys()) + " " + new TreeMap<>(flags);
        Optional<String> invalid = FlagAudience.invalid(flags);
        if (invalid.isPresent()) {
            throw log.refuse("write", asked, invalid.get());
        }
        set("write", asked, flags);
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        String flag = flag(target, "enter", phase);
        Map<String, Object> values = FlagAudience.entering(flag, phase, version).orElseThrow(() -> log.refuse("enter",
                target.describe() + " " + phase.audience(), "a feature-flag phase needs a percentage or a cohort"));
        set("enter", target.describe() + " " + phase.audience(), values);
        return state(target, "");
    }

    /** A flag cannot stop new users without taking the current ones away: the audience stays, unwidened. */
    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        flag(target, "halt", phase);
        String note = "a flag has no halt: the audience stays at " + phase.audience() + " and is not widened";
        log.accepted("halt", target.describe() + ": " + note);
        return state(target, note);
    }

    /**
     * A cohort phase's rollback turns that cohort off; a percentage phase's, or the cohort that reached everyone
     * (100 %), turns the canary off for everyone, undoing a {@link #complete} too.
     */
    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        String flag = flag(target, "rollback", phase);
        set("rollback", target.describe() + " " + phase.audience(), FlagAudience.leaving(flag, phase));
        return state(target, "");
    }

    @Override
    public synchronized TargetState complete(Target target, String version) {
        String flag = flag(target, "complete", null);
        set("complete", target.describe(), FlagAudience.completing(flag, version));
        return state(target, "");
    }

    /** The tick's check of the live phase reads; it is not a call to log. */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        return log.quietly(() -> observe(target, version));
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        flag(target, "observe", null);
        TargetState state = state(target, "");
        log.accepted("observe", target.describe() + ": " + state.status() + " " + state.detail());
        return state;
    }

    /** The whole document as nested maps, as the JSON flag file would hold it. */
    public synchronized Map<String, Object> snapshot() {
        return copy(document);
    }

    /** One value by its dotted path. */
    public synchronized Optional<Object> value(String path) {
        Object node = document;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return Optional.empty();
            }
            node = m.get(part);
        }
        return Optional.of(node instanceof Map<?, ?> m ? copy(m) : node);
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private String flag(Target target, String operation, Phase phase) {
        String flag = target.key("flag");
        if (flag == null) {
            throw log.refuse(operation, target.describe() + (phase == null ? "" : " " + phase.audience()), "required: flag");
        }
        return flag;
    }

    /** Writes all values or, when one path runs into the wrong kind of node, none. */
    private void set(String operation, String asked, Map<String, Object> values) {
        for (String path : values.keySet()) {
            conflict(path).ifPresent(reason -> {
                throw log.refuse(operation, asked, reason);
            });
            for (String other : values.keySet()) {
                if (other.startsWith(path + ".")) {
                    throw log.refuse(operation, asked, "flag " + path + " cannot be a value and hold " + other + " at once");
                }
            }
        }
        values.forEach(this::put);
        log.accepted(operation, asked + " → " + new TreeMap<>(values));
    }

    private Optional<String> conflict(String path) {
        List<String> parts = Arrays.asList(path.split("\\."));
        Object node = document;
        for (int i = 0; i < parts.size(); i++) {
            Object next = ((Map<?, ?>) node).get(parts.get(i));
            boolean leaf = i == parts.size() - 1;
            if (next == null) {
                return Optional.empty();
            }
            if (leaf && next instanceof Map) {
                return Optional.of("flag " + path + " is an object of flags, not a value");
            }
            if (!leaf && !(next instanceof Map)) {
                return Optional.of("flag " + String.join(".", parts.subList(0, i + 1)) + " is a value, so " + path + " cannot be set");
            }
            node = next;
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private void put(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private TargetState state(Target target, String note) {
        String flag = target.key("flag");
        boolean enabled = Boolean.TRUE.equals(value(flag + ".enabled").orElse(null));
        Optional<Object> percentage = value(flag + ".percentage");
        List<String> cohorts = new ArrayList<>();
        if (value(flag + ".cohorts").orElse(null) instanceof Map<?, ?> m) {
            m.forEach((name, c) -> {
                if (c instanceof Map<?, ?> cm && Boolean.TRUE.equals(cm.get("enabled"))) {
                    cohorts.add(name + (cm.get("percentage") instanceof Number n ? " " + Numbers.plain(n.doubleValue()) + "%" : ""));
                }
            });
        }
        String detail = (cohorts.isEmpty() ? "no cohort enabled" : "cohorts enabled: " + String.join(", ", cohorts))
                + (note.isEmpty() ? "" : "; " + note);
        double percent = percentage.orElse(null) instanceof Number n ? n.doubleValue() : Double.NaN;
        return new TargetState(enabled ? "enabled" : "disabled", percent, detail);
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toString(), v instanceof Map<?, ?> m ? copy(m) : v));
        return Collections.unmodifiableMap(out);
    }
}
