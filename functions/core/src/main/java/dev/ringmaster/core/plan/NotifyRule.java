package dev.ringmaster.core.plan;

import java.util.List;

/** Where to tell people, and on which events (all events when {@code on} is empty). */
public record NotifyRule(String channel, String url, List<String> on) {
    public static final List<String> CHANNELS = List.of("slack", "teams", "webhook", "statuspage", "testflight-notes", "in-app");
    public static final List<String> EVENTS = List.of("started", "advanced", "held", "halted", "paused", "resumed",
            "rolled-back", "completed", "approval-needed", "approved", "alert", "killed", "promoted");

    public NotifyRule {
        on = List.copyOf(on);
    }
}
