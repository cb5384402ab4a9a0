package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import java.util.List;

/** Tells people: Slack, Teams, a webhook, a status page, email. A send that did not go out throws. */
public interface Notifier {

    void send(NotifyRule rule, Message message);

    /**
     * @param event    what happened; {@link NotifyEvent#critical()} ones are alerts on-call must act on
     * @param severity how urgent, for routing and for how the channel shows it
     * @param details  the rollout, phase, audience, each gate's verdict and what happens next
     */
    record Message(String rolloutId, NotifyEvent event, String title, String text, Severity severity, Details details) {
        public Message {
            severity = severity == null ? event.severity() : severity;
            details = details == null ? Details.NONE : details;
        }

        public Message(String rolloutId, NotifyEvent event, String title, String text) {
            this(rolloutId, event, title, text, event.severity(), Details.NONE);
        }
    }

    /**
     * @param state     the rollout's state after the event (RUNNING, HALTED, …)
     * @param verdicts  each gate's and halt rule's verdict with its evidence, as the decision saw them
     * @param reasons   why it happened
     * @param next      what ringmaster does next, or what it waits for
     * @param commands  what on-call can do now, each as a CLI line and as the AWS console's {@code operate} event
     */
    record Details(String app, String version, String phase, String audience, String state, List<String> verdicts,
                   List<String> reasons, String next, List<Instruction> commands) {
        public static final Details NONE = new Details(null, null, null, null, null, List.of(), List.of(), null, List.of());

        public Details {
            verdicts = List.copyOf(verdicts);
            reasons = List.copyOf(reasons);
            commands = List.copyOf(commands);
        }
    }

    /** One thing on-call can do: "Roll back", {@code ringmaster rollback ID --reason "…"}, {@code {"command":"rollback",…}}. */
    record Instruction(String label, String cli, String operateEvent) {
    }
}
