package dev.ringmaster.adapters.notify;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.List;

/** Messages as the notify step builds them (core's Messages.of), for the channel tests. */
public final class SampleMessages {
    public static final List<String> HALT_REASONS = List.of(
            "halt rule crash_rate ≤ 0.005 for 15m FAIL: 0.0081 (41 of 5,062 sessions), 95% upper 0.0110",
            "halting at ring-3 (10%): the store rollout stops where it is");

    private SampleMessages() {
    }

    /** Seed 000 ring 3: a critical halt rule fired; HALTED, with on-call's commands. */
    public static Message halted() {
        return new Message("android-2-1-0", NotifyEvent.HALTED, "android-2-1-0 2.1.0: halted in ring-3", String.join("\n", HALT_REASONS),
                Severity.CRITICAL, new Details("com.example.vpn", "2.1.0", "ring-3", "10%", "HALTED",
                List.of("gate crash_rate ≤ 0.005: FAIL 0.0081 (41/5062)", "gate latency_p95 ≤ 110% of baseline: PASS 1.02×"),
                HALT_REASONS, "Stopped at 10%: nothing advances until someone resumes, rolls back or promotes.",
                List.of(new Instruction("Resume", "ringmaster resume android-2-1-0 --reason \"…\"",
                                "{\"command\":\"resume\",\"rolloutId\":\"android-2-1-0\",\"reason\":\"…\"}"),
                        new Instruction("Roll back", "ringmaster rollback android-2-1-0 --reason \"…\"",
                                "{\"command\":\"rollback\",\"rolloutId\":\"android-2-1-0\",\"reason\":\"…\"}"),
                        new Instruction("Status", "ringmaster status android-2-1-0", "{\"command\":\"status\",\"rolloutId\":\"android-2-1-0\"}"))));
    }

    public static Message of(NotifyEvent event, String text) {
        return new Message("android-2-1-0", event, "android-2-1-0 2.1.0: " + event + " in ring-3", text, event.severity(),
                new Details("com.example.vpn", "2.1.0", "ring-3", "10%", "RUNNING", List.of(), List.of(text), "Stays at 10%.", List.of()));
    }

    /** A message with no details at all, as a test or an older caller sends it. */
    public static Message bare() {
        return new Message("ios-5-0", NotifyEvent.STARTED, "ios-5-0: started", "");
    }
}
