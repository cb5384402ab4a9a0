package dev.ringmaster.sim;

import dev.ringmaster.core.plan.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads a scenario file; every mistake is reported with its field and value. */
public final class ScenarioParser {
    private static final Set<String> TOP = Set.of("name", "tick", "users", "diurnal", "start", "metrics", "outages", "events", "faults",
            "afterStop", "until", "previousVersion", "startPhase");
    private static final Set<String> TRUTH = Set.of("baseline", "canary", "noise", "canaryFrom");
    private static final Set<String> COMMANDS = Set.of("approve", "pause", "resume", "rollback", "kill", "promote");
    private static final Instant DEFAULT_START = Instant.parse("2026-12-01T09:00:00Z");

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new ScenarioError(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static Scenario parse(String file, String yaml) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ScenarioError(file, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new ScenarioError(file, "a scenario is a mapping with name, tick, users and metrics");
        }
        Map<String, Object> top = (Map<String, Object>) m;
        unknown(file, "", top, TOP);
        String name = String.valueOf(required(file, top, "name"));
        Duration tick = duration(file, "tick", top.getOrDefault("tick", "5m"));
        if (tick.isZero()) {
            throw new ScenarioError(file, "tick: '0' must be positive, like 5m");
        }
        double users = number(file, "users", required(file, top, "users"));
        if (users <= 0) {
            throw new ScenarioError(file, "users: " + users + " must be above 0 (sessions per hour at 100 %)");
        }
        double diurnal = number(file, "diurnal", top.getOrDefault("diurnal", 0.0));
        if (diurnal < 0 || diurnal >= 1) {
            throw new ScenarioError(file, "diurnal: " + diurnal + " must be in [0, 1)");
        }
        Instant start = DEFAULT_START;
        if (top.containsKey("start")) {
            try {
                start = Instant.parse(String.valueOf(top.get("start")));
            } catch (DateTimeParseException e) {
                throw new ScenarioError(file, "start: '" + top.get("start") + "' is not an ISO-8601 instant like 2026-12-01T09:00:00Z");
            }
        }
        Map<String, Scenario.Truth> metrics = new LinkedHashMap<>();
        Object ms = required(file, top, "metrics");
        if (!(ms instanceof Map<?, ?> metricMap)) {
            throw new ScenarioError(file, "metrics: must be a mapping of metric name → truth");
        }
        for (Map.Entry<?, ?> e : metricMap.entrySet()) {
            metrics.put(String.valueOf(e.getKey()), truth(file, "metrics." + e.getKey(), e.getValue()));
        }
        List<Scenario.Outage> outages = new ArrayList<>();
        for (Map<String, Object> o : list(file, "outages", top.get("outages"))) {
            unknown(file, "outages", o, Set.of("metric", "from", "to"));
            Duration from = duration(file, "outages.from", required(file, o, "from"));
            Duration to = duration(file, "outages.to", required(file, o, "to"));
            if (!from.minus(to).isNegative()) {
                throw new ScenarioError(file, "outages: from " + Durations.format(from) + " must be before to " + Durations.format(to));
            }
            outages.add(new Scenario.Outage(String.valueOf(required(file, o, "metric")), from, to));
        }
        List<Scenario.Injected> events = new ArrayList<>();
        for (Map<String, Object> ev : list(file, "events", top.get("events"))) {
            unknown(file, "events", ev, Set.of("at", "command", "reason", "by", "cohort"));
            String command = String.valueOf(required(file, ev, "command"));
            if (!COMMANDS.contains(command)) {
                throw new ScenarioError(file, "events.command: unknown command '" + command + "'; one of " + COMMANDS.stream().sorted().toList());
            }
            if (ev.get("cohort") != null && !command.equals("kill")) {
                throw new ScenarioError(file, "events.cohort: only a kill names a cohort, not '" + command + "'");
            }
            events.add(new Scenario.Injected(duration(file, "events.at", required(file, ev, "at")), command,
                    ev.get("reason") == null ? "scenario event" : String.valueOf(ev.get("reason")),
                    ev.get("by") == null ? "scenario" : String.valueOf(ev.get("by")),
                    ev.get("cohort") == null ? null : String.valueOf(ev.get("cohort"))));
        }
        List<Fault> faults = new ArrayList<>();
        for (Map<String, Object> f : list(file, "faults", top.get("faults"))) {
            faults.add(fault(file, f));
        }
        Duration afterStop = duration(file, "afterStop", top.getOrDefault("afterStop", "0"));
        Duration until = duration(file, "until", top.getOrDefault("until", "30d"));
        String previous = top.get("previousVersion") == null ? null : String.valueOf(top.get("previousVersion"));
        String startPhase = top.get("startPhase") == null ? null : String.valueOf(top.get("startPhase"));
        return new Scenario(name, tick, users, diurnal, start, metrics, outages, events, faults, afterStop, until, previous, startPhase);
    }

    /** A window fault ({@code system, from, to, error, metric?}) or a lost event ({@code system: bus, drop, at}). */
    private static Fault fault(String file, Map<String, Object> f) {
        String systemKey = String.valueOf(required(file, f, "system", "faults"));
        Fault.System system = Fault.System.of(systemKey).orElseThrow(() -> new ScenarioError(file, "faults.system: unknown system '"
                + systemKey + "'; one of [target, metrics, notifier, bus]"));
        if (system == Fault.System.BUS) {
            unknown(file, "faults", f, Set.of("system", "drop", "at"));
            String drop = String.valueOf(required(file, f, "drop", "faults"));
            if (!Fault.FUNCTIONS.contains(drop)) {
                throw new ScenarioError(file, "faults.drop: unknown step function '" + drop + "'; one of " + Fault.FUNCTIONS);
            }
            return new Fault(system, null, null, null, null, drop, duration(file, "faults.at", required(file, f, "at", "faults")));
        }
        unknown(file, "faults", f, system == Fault.System.METRICS ? Set.of("system", "from", "to", "error", "metric")
                : Set.of("system", "from", "to", "error"));
        Duration from = duration(file, "faults.from", required(file, f, "from", "faults"));
        Duration to = duration(file, "faults.to", required(file, f, "to", "faults"));
        if (!from.minus(to).isNegative()) {
            throw new ScenarioError(file, "faults: from " + Durations.format(from) + " must be before to " + Durations.format(to));
        }
        String errorKey = String.valueOf(required(file, f, "error", "faults"));
        Fault.Error error = Fault.Error.of(errorKey).orElseThrow(() -> new ScenarioError(file, "faults.error: unknown error '"
                + errorKey + "'; one of " + Fault.Error.keys()));
        Object metric = f.get("metric");
        return new Fault(system, from, to, error, metric == null ? null : String.valueOf(metric), null, null);
    }

    @SuppressWarnings("unchecked")
    private static Scenario.Truth truth(String file, String path, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new ScenarioError(file, path + ": must be a mapping like {baseline: 0.002, canary: 0.004}");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        unknown(file, path, m, TRUTH);
        Object canary = m.get("canary");
        if (canary == null) {
            throw new ScenarioError(file, path + ".canary: is required");
        }
        if (canary instanceof String s && (s.equals("pass") || s.equals("fail"))) {
            return new Scenario.Truth(Double.NaN, Double.NaN, 0, null, s.equals("pass"));
        }
        double c = number(file, path + ".canary", canary);
        double b = m.containsKey("baseline") ? number(file, path + ".baseline", m.get("baseline")) : c;
        double noise = m.containsKey("noise") ? number(file, path + ".noise", m.get("noise")) : 0;
        if (b < 0 || c < 0 || noise < 0) {
            throw new ScenarioError(file, path + ": baseline, canary and noise must not be negative");
        }
        Duration from = m.containsKey("canaryFrom") ? duration(file, path + ".canaryFrom", m.get("canaryFrom")) : null;
        return new Scenario.Truth(b, c, noise, from, null);
    }

    private static void unknown(String file, String path, Map<String, Object> m, Set<String> known) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new ScenarioError(file, (path.isEmpty() ? "" : path + ".") + k + ": unknown field; known: " + known.stream().sorted().toList());
            }
        }
    }

    private static Object required(String file, Map<String, Object> m, String key) {
        return required(file, m, key, "");
    }

    private static Object required(String file, Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            throw new ScenarioError(file, (path.isEmpty() ? "" : path + ".") + key + ": is required");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String file, String key, Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || l.stream().anyMatch(i -> !(i instanceof Map))) {
            throw new ScenarioError(file, key + ": must be a list of mappings");
        }
        return (List<Map<String, Object>>) l;
    }

    private static Duration duration(String file, String key, Object v) {
        return Durations.parse(String.valueOf(v)).orElseThrow(() -> new ScenarioError(file, key + ": bad duration '" + v
                + "': use a number and a unit s, m, h or d, like 5m"));
    }

    private static double number(String file, String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ScenarioError(file, key + ": '" + v + "' must be a number");
    }
}
