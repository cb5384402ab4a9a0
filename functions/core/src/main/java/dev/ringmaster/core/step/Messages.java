package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.RolloutState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a message says (issue 12): the rollout, phase and audience, each gate's verdict, why, what happens next and
 * what on-call can do about it, as a command line and as the event to paste into the AWS console's {@code operate}
 * function. Pure: the channel adapters only lay it out.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * @param state    the rollout's state now
     * @param history  its history, for the verdicts of the decision behind the event
     */
    public static Message of(Plan plan, Phase phase, RolloutEvent e, RolloutState state, List<HistoryEntry> history, String text) {
        Severity severity = severity(plan, e);
        String title = plan.label() + ": " + e.event() + " in " + e.phase();
        Details details = new Details(plan.app(), plan.version(), e.phase(), phase.audience(), state.name(), verdicts(history, e),
                e.reasons(), next(plan, phase, e.event(), state), instructions(plan, e.rolloutId(), e.event(), state));
        return new Message(e.rolloutId(), e.event(), title, text, severity, details);
    }

    /** An alert is as severe as the most severe halt rule it names; every other event has its own severity. */
    public static Severity severity(Plan plan, RolloutEvent e) {
        if (e.event() != NotifyEvent.ALERT) {
            return e.event().severity();
        }
        Severity most = Severity.INFO;
        for (HaltRule rule : plan.haltRules()) {
            String label = "halt rule " + rule.label();
            boolean named = e.reasons().stream().anyMatch(r -> r.startsWith("alert: " + label + " FAIL") || r.startsWith(label + " FAIL"));
            if (named && rule.severity().atLeast(most)) {
                most = rule.severity();
            }
        }
        return most;
    }

    /** The verdict lines of the newest decision at or before the event's version. */
    static List<String> verdicts(List<HistoryEntry> history, RolloutEvent e) {
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry h = history.get(i);
            if (h.kind() == HistoryEntry.Kind.DECISION && h.version() <= e.version()) {
                return h.reasons().stream().filter(r -> r.startsWith(EvaluateGates.VERDICT))
                        .map(r -> r.substring(EvaluateGates.VERDICT.length())).toList();
            }
        }
        return List.of();
    }

    static String next(Plan plan, Phase phase, NotifyEvent event, RolloutState state) {
        int i = plan.indexOf(phase.name());
        boolean last = i == plan.phases().size() - 1;
        String onward = last ? "completes when every gate passes"
                : "advances to " + plan.phases().get(i + 1).name() + " (" + plan.phases().get(i + 1).audience() + ") when every gate passes"
                + (plan.phases().get(i + 1).approval().required() ? " and it is approved" : "");
        String soak = phase.soak() == null || phase.soak().isZero() ? "" : " after its " + Durations.format(phase.soak()) + " soak";
        return switch (state) {
            case RUNNING -> switch (event) {
                case ALERT -> "Only an alert: the rollout goes on at " + phase.audience() + " and " + onward + soak + ".";
                case APPROVAL_NEEDED -> "Waits at " + phase.audience() + " for approval to enter the next phase.";
                default -> "Stays at " + phase.audience() + " and " + onward + soak + ".";
            };
            case HALTED, PAUSED -> "Stopped at " + phase.audience() + ": nothing advances until someone resumes, rolls back or promotes.";
            case ROLLING_BACK -> "Rolling back: ringmaster confirms each target, then watches for " + Durations.format(plan.watchAfterRollback()) + ".";
            case ROLLBACK_FAILED -> "The rollback did not take: act on the target by hand, then mark it fixed.";
            case ROLLED_BACK -> "Rolled back. Restarting this version needs `fixed` first.";
            case COMPLETED -> plan.watchAfterComplete() == null ? "Done: nothing more happens."
                    : "Done: halt rules are still watched for " + Durations.format(plan.watchAfterComplete()) + ".";
            case PENDING -> "Not started.";
        };
    }

    static List<Instruction> instructions(Plan plan, String id, NotifyEvent event, RolloutState state) {
        List<Instruction> out = new ArrayList<>();
        switch (state) {
            case RUNNING -> {
                if (event == NotifyEvent.APPROVAL_NEEDED) {
                    out.add(instruction("Approve", "approve", "approve", id, "--operator YOUR_NAME", ",\"operator\":\"YOUR_NAME\""));
                }
                out.add(instruction("Pause", "pause", "pause", id, "--reason \"…\"", ",\"reason\":\"…\""));
                out.add(instruction("Roll back", "rollback", "rollback", id, "--reason \"…\"", ",\"reason\":\"…\""));
            }
            case HALTED, PAUSED -> {
                out.add(instruction("Resume", "resume", "resume", id, "--reason \"…\"", ",\"reason\":\"…\""));
                out.add(instruction("Roll back", "rollback", "rollback", id, "--reason \"…\"", ",\"reason\":\"…\""));
                out.add(instruction("Promote anyway", "promote", "promote", id, "--force --reason \"…\"", ",\"force\":true,\"reason\":\"…\""));
            }
            case ROLLED_BACK, ROLLBACK_FAILED -> out.add(instruction("Mark fixed", "fixed", "mark-fixed", id, "--reason \"…\"", ",\"reason\":\"…\""));
            default -> {
            }
        }
        out.add(instruction("Status", "status", "status", id, "", ""));
        return out;
    }

    private static Instruction instruction(String label, String verb, String command, String id, String cliArgs, String eventArgs) {
        return new Instruction(label, ("ringmaster " + verb + " " + id + " " + cliArgs).strip(),
                "{\"command\":\"" + command + "\",\"rolloutId\":\"" + id + "\"" + eventArgs + "}");
    }
}
