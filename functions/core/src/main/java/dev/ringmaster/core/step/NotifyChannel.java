package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.StoredRollout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step function {@code notify-channel}: tells each of the phase's notify rules that listens for the event
 * (seed 000: the ring decides the channel), each message once however often the event is delivered.
 */
public final class NotifyChannel {
    private static final Duration DEDUPLICATE_FOR = Duration.ofDays(7);
    private final Ports ports;
    private final PlanCache plans;

    public NotifyChannel(Ports ports, PlanCache plans) {
        this.ports = ports;
        this.plans = plans;
    }

    /** The channels told. */
    public List<String> handle(RolloutEvent event) {
        Optional<StoredRollout> stored = ports.store().find(event.rolloutId());
        if (stored.isEmpty()) {
            return List.of();
        }
        Plan plan = plans.get(event.rolloutId(), stored.get().planYaml());
        Phase phase = plan.phases().get(event.phaseIndex());
        List<String> told = new ArrayList<>();
        for (NotifyRule rule : plan.notifyIn(phase)) {
            if (!rule.on().isEmpty() && !rule.on().contains(event.event())) {
                continue;
            }
            String key = "notify#" + event.rolloutId() + "#" + event.version() + "#" + event.event() + "#" + rule.channel() + "#" + rule.url();
            if (!ports.store().claim(key, ports.clock().instant(), DEDUPLICATE_FOR)) {
                continue;
            }
            ports.notifier().send(rule, message(plan, event));
            told.add(rule.channel());
        }
        return told;
    }

    static Notifier.Message message(Plan plan, RolloutEvent e) {
        String title = plan.id() + (plan.version() == null ? "" : " " + plan.version()) + ": " + e.event() + " in " + e.phase();
        return new Notifier.Message(e.rolloutId(), e.event(), title, String.join("\n", e.reasons()));
    }
}
