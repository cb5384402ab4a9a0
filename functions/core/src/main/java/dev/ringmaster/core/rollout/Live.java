package dev.ringmaster.core.rollout;

import java.time.Instant;

/**
 * Whether the current phase's audience is live on its target, and since when: soak and evidence count from
 * the moment the target confirmed it, never from the decision that asked for it. A phase that is not live yet
 * never advances; one whose target refused it pauses so a person decides.
 *
 * @param since  when the target confirmed the phase's audience, or null
 * @param reason why it is not live (the target's last answer), or null when it is
 */
public record Live(Instant since, String reason, boolean refused) {

    public static Live since(Instant confirmed) {
        return new Live(confirmed, null, false);
    }

    public static Live pending(String reason) {
        return new Live(null, reason, false);
    }

    public static Live refused(String reason) {
        return new Live(null, reason, true);
    }

    public boolean live() {
        return since != null;
    }
}
