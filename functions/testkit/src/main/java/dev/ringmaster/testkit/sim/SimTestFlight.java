package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TestFlight beta groups (REFERENCE-targets §3): which builds each (appId, group) has. Adding or removing a
 * build answers 204 whether or not it was there, so both are idempotent. Groups spring into being when
 * named; tester limits (internal ≤ 100, external ≤ 10,000) and external beta review are not modelled.
 */
public final class SimTestFlight implements RolloutTarget {
    private final CallLog log;
    /** appId → beta group → builds */
    private final Map<String, Map<String, Set<String>>> apps = new HashMap<>();

    public SimTestFlight(Clock clock) {
        this.log = new CallLog(clock);
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        List<String> groups = groups(target, phase, "enter", version);
        groups.forEach(g -> groupsOf(target.key("appId")).computeIfAbsent(g, k -> new LinkedHashSet<>()).add(version));
        log.accepted("enter", target.key("appId") + " build " + version + " added to " + groups);
        return observed(target, version, "");
    }

    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        return remove("halt", target, phase, version);
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        return remove("rollback", target, phase, version);
    }

    /** TestFlight has no release to everyone: the build stays where the phases put it. */
    @Override
    public synchronized TargetState complete(Target target, String version) {
        String note = "TestFlight has no release to everyone; the build stays in its groups";
        log.accepted("complete", target.key("appId") + " build " + version + ": " + note);
        return observed(target, version, note);
    }

    /** The tick's check of the live phase reads; it is not a call to log. */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        return log.quietly(() -> observe(target, version));
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        TargetState state = observed(target, version, "");
        log.accepted("observe", target.key("appId") + " build " + version + ": " + state.detail());
        return state;
    }

    /** The builds a beta group has, for assertions. */
    public synchronized Set<String> builds(String appId, String group) {
        return Set.copyOf(groupsOf(appId).getOrDefault(group, Set.of()));
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState remove(String operation, Target target, Phase phase, String version) {
        List<String> groups = groups(target, phase, operation, version);
        groups.forEach(g -> groupsOf(target.key("appId")).getOrDefault(g, new LinkedHashSet<>()).remove(version));
        log.accepted(operation, target.key("appId") + " build " + version + " removed from " + groups);
        return observed(target, version, "");
    }

    /** The phase's groups, else the target's betaGroups or betaGroup (CONTRACTS §1.2). */
    private List<String> groups(Target target, Phase phase, String operation, String version) {
        List<String> groups = !phase.groups().isEmpty() ? phase.groups()
                : target.keys().containsKey("betaGroups") ? target.list("betaGroups") : target.list("betaGroup");
        if (groups.isEmpty()) {
            throw log.refuse(operation, target.key("appId") + " build " + version,
                    "no beta group: the phase needs groups or the target betaGroup/betaGroups");
        }
        return groups;
    }

    private TargetState observed(Target target, String version, String note) {
        Set<String> in = new TreeSet<>();
        groupsOf(target.key("appId")).forEach((group, builds) -> {
            if (builds.contains(version)) {
                in.add(group);
            }
        });
        String detail = (in.isEmpty() ? "in no beta group" : "in beta groups " + String.join(", ", in)) + (note.isEmpty() ? "" : "; " + note);
        return new TargetState(in.isEmpty() ? "NOT_IN_BETA_TESTING" : "IN_BETA_TESTING", Double.NaN, detail);
    }

    private Map<String, Set<String>> groupsOf(String appId) {
        return apps.computeIfAbsent(appId, k -> new HashMap<>());
    }
}
