package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a deployment can reach: the target types, metric sources, notify channels and flag-store providers it
 * has an adapter for. A plan that names anything else is refused at start, naming it: a rollout must never
 * start and then find at its first tick that nothing can carry out its plan.
 */
public record Capabilities(Set<TargetType> targets, Set<String> sources, Set<String> channels, Set<String> flagProviders) {

    public Capabilities {
        targets = Set.copyOf(targets);
        sources = Set.copyOf(sources);
        channels = Set.copyOf(channels);
        flagProviders = Set.copyOf(flagProviders);
    }

    /** Everything a plan can name: the simulated world has a stand-in for each. */
    public static Capabilities everything() {
        return new Capabilities(Set.of(TargetType.values()), Set.copyOf(dev.ringmaster.core.plan.MetricSource.keys()),
                Set.copyOf(NotifyRule.CHANNELS), Set.copyOf(dev.ringmaster.core.plan.FlagStore.PROVIDERS));
    }

    /** One line per thing the plan names that this deployment has no adapter for, with the plan path; empty when it can run. */
    public List<String> missing(Plan plan) {
        List<String> out = new ArrayList<>();
        target(out, "spec.target.type", plan.target().type());
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase p = plan.phases().get(i);
            if (p.target() != null) {
                target(out, "spec.phases[" + i + "].target.type", p.target().type());
            }
            if (p.notifyRules() != null) {
                channels(out, "spec.phases[" + i + "].notify", p.notifyRules());
            }
        }
        for (MetricDef m : plan.metrics().values()) {
            if (m.source() != null && !sources.contains(m.source())) {
                out.add("spec.metrics." + m.name() + ".source: no '" + m.source() + "' metric source in this deployment (configured: "
                        + sorted(sources) + ")");
            }
        }
        channels(out, "spec.notify", plan.notifyRules());
        if (plan.flagStore() != null && !flagProviders.contains(plan.flagStore().provider())) {
            out.add("spec.flagStore.provider: no '" + plan.flagStore().provider() + "' flag store in this deployment (configured: "
                    + sorted(flagProviders) + ")");
        }
        return out;
    }

    private void target(List<String> out, String path, TargetType type) {
        if (!targets.contains(type)) {
            out.add(path + ": no " + type.key + " adapter in this deployment (configured: "
                    + sorted(targets.stream().map(t -> t.key).toList()) + ")");
        }
    }

    private void channels(List<String> out, String path, List<NotifyRule> rules) {
        for (int j = 0; j < rules.size(); j++) {
            String channel = rules.get(j).channel();
            if (!channels.contains(channel)) {
                out.add(path + "[" + j + "].channel: no '" + channel + "' notifier in this deployment (configured: "
                        + sorted(channels) + ")");
            }
        }
    }

    private static String sorted(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }
}
