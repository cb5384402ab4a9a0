package dev.ringmaster.core.plan;

import dev.ringmaster.core.window.DeploymentWindows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a plan file and reports every error at once, each with its line, column and path. The YAML is
 * composed into nodes (which keep their positions) and read against the plan's vocabulary; nothing is
 * bound by reflection.
 */
public final class PlanParser {
    public static final Pattern ROLLOUT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name", "app", "version", "previousVersion", "hotfix", "description", "owner");
    private static final List<String> SPEC = List.of("risk", "target", "flagStore", "metrics", "windows", "phases",
            "haltRules", "onGateFail", "falseHaltRate", "falseAdvanceRate", "notify", "sources", "killSwitch", "circuitBreaker",
            "checklist", "watchAfterRollback", "watchAfterComplete", "hotfixSoak", "rollbackWithin", "approvers");

    private PlanParser() {
    }

    public static ParseResult parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ParseResult(null, List.of(new PlanError(file.toString(), 1, 1, "", "cannot read file: " + e.getMessage())));
        }
    }

    public static ParseResult parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            problems.add(e.getProblemMark().orElse(null), "(document)", "not valid YAML: " + e.getProblem());
            return new ParseResult(null, problems.sorted());
        } catch (YamlEngineException e) {
            problems.add((Node) null, "(document)", "not valid YAML: " + e.getMessage());
            return new ParseResult(null, problems.sorted());
        }
        if (root.isEmpty()) {
            problems.add((Node) null, "(document)", "the file is empty: a plan needs apiVersion, kind, metadata and spec");
            return new ParseResult(null, problems.sorted());
        }
        Plan plan = read(root.get(), problems);
        return problems.isEmpty() ? new ParseResult(plan, List.of()) : new ParseResult(null, problems.sorted());
    }

    private static Plan read(Node root, Problems problems) {
        Fields top = Fields.of(root, "", problems, TOP);
        top.rejectUnknown();
        top.string("apiVersion", true).filter(v -> !v.equals("ringmaster/v1"))
                .ifPresent(v -> top.error("apiVersion", "unsupported apiVersion '" + v + "': use ringmaster/v1"));
        top.string("kind", true).filter(v -> !v.equals("RolloutPlan"))
                .ifPresent(v -> top.error("kind", "unsupported kind '" + v + "': use RolloutPlan"));

        Fields meta = Fields.of(top.get("metadata"), "metadata", problems, METADATA);
        if (!top.has("metadata")) {
            top.error("metadata", "is required");
        }
        meta.rejectUnknown();
        String id = meta.string("name", top.has("metadata")).orElse("");
        if (top.has("metadata") && meta.has("name") && !ROLLOUT_ID.matcher(id).matches()) {
            meta.error("name", "rollout id '" + id + "' must match " + ROLLOUT_ID.pattern()
                    + " (lowercase letters, digits and '-', at most 63)");
        }
        String app = meta.string("app", false).orElse(null);
        String version = meta.string("version", false).orElse(null);
        String previousVersion = meta.string("previousVersion", false).orElse(null);
        boolean hotfix = meta.bool("hotfix").orElse(false);

        Fields spec = Fields.of(top.get("spec"), "spec", problems, SPEC);
        if (!top.has("spec")) {
            top.error("spec", "is required");
            return null;
        }
        spec.rejectUnknown();
        Risk risk = spec.string("risk", false).map(r -> RulesReader.named(spec, "risk", r, Risk.class)).orElse(null);
        Map<String, MetricDef> metrics = MetricsReader.read(spec, problems);
        Sources sources = SourcesReader.read(spec, problems);
        Target target = TargetReader.read(spec.get("target"), spec.child("target"), problems).orElse(null);
        FlagStore flagStore = TargetReader.readFlagStore(spec.get("flagStore"), spec.child("flagStore"), problems).orElse(null);
        DeploymentWindows windows = WindowsReader.read(spec.get("windows"), spec.child("windows"), problems);

        List<Phase> phases;
        boolean fromTemplate = !spec.has("phases");
        List<HaltRule> haltRules = new ArrayList<>(RulesReader.haltRules(spec, metrics, problems));
        if (fromTemplate) {
            if (risk == null) {
                if (!spec.has("risk")) {
                    problems.add(spec.node(), "spec.phases", "a plan needs phases, or a risk (ZERO, LOW, MEDIUM, HIGH) to take them from seed 003's template");
                }
                phases = List.of();
            } else {
                RiskTemplate template = RiskTemplate.of(risk);
                if ((risk == Risk.ZERO || risk == Risk.LOW) && target != null && target.type() != TargetType.FEATURE_FLAG
                        && target.type() != TargetType.MANUAL) {
                    spec.error("risk", "risk " + risk + " deploys with its feature flag OFF (seed 003): its target must be a feature-flag"
                            + " (or manual) target, not " + target.type().key + "; or write phases");
                }
                for (String m : template.monitors()) {
                    if (!metrics.containsKey(m)) {
                        spec.error("risk", "risk " + risk + " monitors " + String.join(", ", template.monitors())
                                + " (seed 003): define '" + m + "' under spec.metrics, or write phases");
                    }
                }
                phases = template.phases();
                for (HaltRule r : template.haltRules(metrics)) {
                    if (haltRules.stream().noneMatch(h -> h.metric().equals(r.metric()))) {
                        haltRules.add(r);
                    }
                }
            }
        } else {
            phases = PhasesReader.read(spec, target, metrics, problems);
        }

        OnGateFail onGateFail = spec.string("onGateFail", false).map(v -> RulesReader.named(spec, "onGateFail", v, OnGateFail.class))
                .orElse(OnGateFail.PAUSE);
        double falseHaltRate = rate(spec, "falseHaltRate", Plan.DEFAULT_FALSE_HALT_RATE);
        double falseAdvanceRate = rate(spec, "falseAdvanceRate", Plan.DEFAULT_FALSE_ADVANCE_RATE);
        List<NotifyRule> notify = NotifyReader.read(spec, problems);
        KillSwitch killSwitch = killSwitch(spec, problems);
        Fields breakerFields = Fields.of(spec.get("circuitBreaker"), spec.child("circuitBreaker"), problems,
                List.of("consecutiveErrors", "metric"));
        int breaker = circuitBreaker(spec, breakerFields);
        String breakerMetric = breakerMetric(spec, breakerFields, metrics);
        List<String> checklist = spec.strings("checklist");
        Duration watch = spec.duration("watchAfterRollback", false).orElse(Duration.ofHours(24));
        Duration watchAfterComplete = spec.duration("watchAfterComplete", false).orElse(null);
        Duration hotfixSoak = spec.duration("hotfixSoak", false).orElse(Duration.ofHours(1));
        Duration rollbackWithin = spec.duration("rollbackWithin", false).orElse(null);
        Map<String, List<String>> approvers = approvers(spec, problems);

        if (killSwitch != null && flagStore == null && (target == null || target.type() != TargetType.FEATURE_FLAG)) {
            spec.error("killSwitch", "a kill switch is a flag: add spec.flagStore (or use a feature-flag target) for "
                    + killSwitch.flag() + " to be written");
        }
        PlanChecks.check(spec, phases, fromTemplate, target, flagStore, problems);
        versionBaselines(spec, meta, previousVersion, metrics, phases, haltRules);
        PlanChecks.approvals(spec, phases, approvers, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        metrics.values().removeIf(java.util.Objects::isNull);
        phases = AppReviewGate.add(phases, target, metrics);
        return new Plan(id, app, version, hotfix, risk, target, flagStore, metrics, windows, phases, fromTemplate, haltRules,
                onGateFail, falseHaltRate, falseAdvanceRate, notify, killSwitch, breaker, breakerMetric, checklist, watch,
                watchAfterComplete, hotfixSoak, rollbackWithin, approvers, sources, previousVersion);
    }

    /**
     * A relative bound on a metric whose query names {@code $version}, or on a Sentry metric, compares the canary's
     * version with the one it replaces: without {@code metadata.previousVersion} there is nothing to compare with.
     */
    private static void versionBaselines(Fields spec, Fields meta, String previousVersion, Map<String, MetricDef> metrics,
                                         List<Phase> phases, List<HaltRule> haltRules) {
        if (previousVersion != null) {
            return;
        }
        java.util.Set<String> relative = new java.util.LinkedHashSet<>();
        phases.forEach(p -> p.gates().stream().filter(g -> g.bound().relative()).forEach(g -> relative.add(g.metric())));
        haltRules.stream().filter(r -> r.bound().relative()).forEach(r -> relative.add(r.metric()));
        for (String name : relative) {
            MetricDef def = metrics.get(name);
            if (def != null && def.query().values().stream().anyMatch(v -> String.valueOf(v).contains("$version"))) {
                (meta.node() != null ? meta : spec).error(meta.node() != null ? "version" : "metrics",
                        "metric '" + name + "' is compared with its baseline and its query names $version: give metadata.previousVersion,"
                                + " the version this release replaces");
            } else if (def != null && def.source().equals(MetricSource.SENTRY.key)) {
                (meta.node() != null ? meta : spec).error(meta.node() != null ? "version" : "metrics",
                        "metric '" + name + "' is compared with its baseline, Sentry's previous release: give metadata.previousVersion");
            }
        }
    }

    private static double rate(Fields spec, String key, double fallback) {
        double v = spec.number(key).orElse(fallback);
        if (v <= 0 || v > 0.5) {
            spec.error(key, key + " " + Numbers.plain(v) + " must be in (0, 0.5]: 0.01 means 1 %");
        }
        return v;
    }

    private static KillSwitch killSwitch(Fields spec, Problems problems) {
        if (!spec.has("killSwitch")) {
            return null;
        }
        Fields f = Fields.of(spec.get("killSwitch"), spec.child("killSwitch"), problems, List.of("flag", "cohortFlag"));
        f.rejectUnknown();
        String flag = f.string("flag", true).orElse(null);
        String cohortFlag = f.string("cohortFlag", false).orElse(null);
        if (cohortFlag != null && !cohortFlag.contains("{name}")) {
            f.error("cohortFlag", "cohortFlag '" + cohortFlag + "' needs {name} where the cohort's name goes, like canary.cohort.{name}.enabled");
        }
        return new KillSwitch(flag, cohortFlag);
    }

    private static int circuitBreaker(Fields spec, Fields f) {
        if (!spec.has("circuitBreaker")) {
            return 3;
        }
        f.rejectUnknown();
        double n = f.number("consecutiveErrors").orElse(3.0);
        if (n < 1 || n != Math.rint(n)) {
            f.error("consecutiveErrors", "consecutiveErrors '" + Numbers.plain(n) + "' must be a whole number ≥ 1");
        }
        return (int) n;
    }

    /** Seed 004's "auto-disable on 3 consecutive errors": the application signal counted, an error-events count or a check. */
    private static String breakerMetric(Fields spec, Fields f, Map<String, MetricDef> metrics) {
        if (!spec.has("circuitBreaker")) {
            return null;
        }
        String metric = f.string("metric", false).orElse(null);
        if (metric == null) {
            return null;
        }
        MetricDef def = metrics.get(metric);
        if (def == null && !metrics.containsKey(metric)) {
            f.error("metric", "circuitBreaker metric '" + metric + "' is not defined under spec.metrics"
                    + Suggest.hint(metric, List.copyOf(metrics.keySet())));
        } else if (def != null && def.kind() != MetricKind.COUNT && def.kind() != MetricKind.CHECK) {
            f.error("metric", "circuitBreaker metric '" + metric + "' is a " + def.kind().key()
                    + " metric: the breaker counts error events (a count metric) or failing checks (a check metric)");
        }
        return metric;
    }

    /** {@code spec.approvers}: group name → the people who may approve for it. */
    private static Map<String, List<String>> approvers(Fields spec, Problems problems) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        Node n = spec.get("approvers");
        if (n == null) {
            return out;
        }
        Fields groups = Fields.of(n, spec.child("approvers"), problems, List.of());
        for (String group : groups.entries().keySet()) {
            List<String> people = groups.strings(group);
            if (people.isEmpty()) {
                groups.error(group, "approver group '" + group + "' lists nobody: give the people who approve for it");
            }
            out.put(group, people);
        }
        return out;
    }
}
