package dev.ringmaster.core.plan;

import dev.ringmaster.core.window.DeploymentWindows;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated rollout plan (CONTRACTS.md §1) with its phases expanded: when the file has no {@code phases},
 * they come from the risk template and {@link #fromTemplate} is true. A phase whose target is App Review
 * carries the implicit gate {@code app_review pass: true}: it completes only once Apple approved.
 *
 * @param circuitBreakerMetric the application signal whose consecutive errors trip the breaker (a count or check metric), or null
 * @param watchAfterComplete   how long halt rules keep being judged after COMPLETED (null: not at all)
 * @param rollbackWithin       how fast any rollback must take effect when its phase sets no limit (null: none)
 * @param approvers            approver groups: name → people who may approve for it
 * @param sources              where metric sources are reached ({@code spec.sources})
 * @param previousVersion      the release this one replaces (metadata.previousVersion): the baseline of {@code $version} queries, or null
 */
public record Plan(String id, String app, String version, boolean hotfix, Risk risk, Target target,
                   FlagStore flagStore, Map<String, MetricDef> metrics, DeploymentWindows windows,
                   List<Phase> phases, boolean fromTemplate, List<HaltRule> haltRules, OnGateFail onGateFail,
                   double falseHaltRate, double falseAdvanceRate, List<NotifyRule> notifyRules, KillSwitch killSwitch,
                   int circuitBreakerErrors, String circuitBreakerMetric, List<String> checklist, Duration watchAfterRollback,
                   Duration watchAfterComplete, Duration hotfixSoak, Duration rollbackWithin, Map<String, List<String>> approvers,
                   Sources sources, String previousVersion) {

    public static final double DEFAULT_FALSE_HALT_RATE = 0.01;
    public static final double DEFAULT_FALSE_ADVANCE_RATE = 0.05;

    public Plan {
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        phases = List.copyOf(phases);
        haltRules = List.copyOf(haltRules);
        notifyRules = List.copyOf(notifyRules);
        checklist = List.copyOf(checklist);
        approvers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(approvers));
        sources = sources == null ? Sources.NONE : sources;
    }

    /** How fast a rollback of {@code phase} must take effect: the phase's own limit, else the plan's (null: none). */
    public Duration rollbackWithin(Phase phase) {
        return phase.rollbackWithin() != null ? phase.rollbackWithin() : rollbackWithin;
    }

    /**
     * Whether customers got the build in phases {@code first} … {@code last}: a percentage of production or a
     * named cohort of it. Rings and TestFlight groups alone are the team and its testers (seed 003: the status
     * page is updated after a rollback only "if customer impact").
     */
    public boolean reachedCustomers(int first, int last) {
        for (int i = Math.max(0, first); i <= last && i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.percent() != null && p.percent() > 0 || p.cohort() != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code person} may approve entry to {@code phase}: anyone, or a member of one of its approver groups. */
    public boolean mayApprove(Phase phase, String person) {
        return phase.approval().from().isEmpty()
                || phase.approval().from().stream().anyMatch(g -> approvers.getOrDefault(g, List.of()).contains(person));
    }

    /** How people read which rollout this is: "android-2-1-0 2.1.0", or the id alone without a version. */
    public String label() {
        return id + (version == null ? "" : " " + version);
    }

    public Target targetOf(Phase phase) {
        return phase.target() != null ? phase.target() : target;
    }

    public int indexOf(String phaseName) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(phaseName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The rules that tell people while the rollout is in {@code phase}: a phase's team channels replace the
     * plan's team channels and its audience channels replace the plan's audience channels, so a ring that only
     * adds its comms (TestFlight notes, in-app, status page) still tells the team through the plan's rules.
     */
    public List<NotifyRule> notifyIn(Phase phase) {
        if (phase.notifyRules() == null) {
            return notifyRules;
        }
        if (phase.notifyRules().isEmpty()) {
            return List.of(); // "notify: []": this phase tells no one
        }
        List<NotifyRule> out = new java.util.ArrayList<>();
        for (boolean audience : new boolean[] {false, true}) {
            List<NotifyRule> own = phase.notifyRules().stream().filter(n -> n.audience() == audience).toList();
            out.addAll(own.isEmpty() ? notifyRules.stream().filter(n -> n.audience() == audience).toList() : own);
        }
        return out;
    }
}
