package dev.ringmaster.adapters.slack;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Notifier.Message;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every message a team channel hears during seed 002's Android rollout (events/plans/002-android-staged.yaml:
 * android-2-1-0, com.example.vpn 2.1.0, 10 % → 50 % → 100 % with approval), as core's {@link Messages} writes it from
 * the event, the rollout's state and the decision's verdicts, with evidence worded as the gate engine words it.
 */
public final class SeedMessages {
    public static final String ID = "android-2-1-0";
    private static final Instant AT = Instant.parse("2026-12-08T10:15:00Z");

    private SeedMessages() {
    }

    public static Path root() {
        Path p = Path.of(System.getProperty("ringmaster.root", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (events/plans)");
        }
        return p;
    }

    public static Plan plan() {
        ParseResult r = PlanParser.parse(root().resolve("events/plans/002-android-staged.yaml"));
        if (!r.ok()) {
            throw new IllegalStateException("seed 002's plan does not parse: " + r.errors());
        }
        return r.plan();
    }

    // Halt rules first, then the phase's gates: the order of a decision's verdicts.
    static final List<String> HALT_RULES_PASS = List.of(
            "halt rule crash_rate ≤ 0.02 for 15m PASS: 3 of 2,140 trials (0.14 %): rules out ≥ 0.022 with 95 % confidence",
            "halt rule connect_failure_rate ≤ 0.05 for 15m PASS: 11 of 2,388 trials (0.46 %): rules out ≥ 0.055 with 95 % confidence",
            "halt rule crash_rate ≤ 0.01 for 15m PASS: 3 of 2,140 trials (0.14 %): rules out ≥ 0.011 with 95 % confidence",
            "halt rule connect_failure_rate ≤ 0.02 for 15m PASS: 11 of 2,388 trials (0.46 %): rules out ≥ 0.022 with 95 % confidence",
            "halt rule connection_time ≤ 20 for 15m PASS: mean 3.1 over 15 values, sd 0.42: rules out ≥ 22 with 95 % confidence",
            "halt rule session_duration ≥ 60 for 15m PASS: mean 1,412 over 15 values, sd 96: rules out ≤ 54 with 95 % confidence",
            "halt rule crash_rate ≤ 0.005 PASS: 31 of 48,210 trials (0.064 %): rules out ≥ 0.0055 with 95 % confidence",
            "halt rule connect_failure_rate ≤ 0.01 PASS: 212 of 51,874 trials (0.41 %): rules out ≥ 0.011 with 95 % confidence",
            "halt rule connection_time ≤ 10 PASS: mean 3.2 over 96 values, sd 0.51: rules out ≥ 11 with 95 % confidence",
            "halt rule session_duration ≥ 300 PASS: mean 1,388 over 96 values, sd 104: rules out ≤ 270 with 95 % confidence");
    static final List<String> PHASE_1_GATES_PASS = List.of(
            "gate crash_rate ≤ 0.005 PASS: 31 of 48,210 trials (0.064 %): rules out ≥ 0.0055 with 95 % confidence",
            "gate connect_failure_rate ≤ 0.01 PASS: 212 of 51,874 trials (0.41 %): rules out ≥ 0.011 with 95 % confidence",
            "gate critical_bugs ≤ 0 PASS: none in 1,440 minutes since the phase began");
    static final String CRASH_FAIL = "gate crash_rate ≤ 0.005 FAIL: 101 of 12,345 trials (0.82 %): lower bound 0.0061 > 0.005";
    static final String CRASH_INCONCLUSIVE = "gate crash_rate ≤ 0.005 INCONCLUSIVE: 9 of 2,310 trials (0.39 %): cannot yet tell "
            + "from 0.005 — about 4,600 more trials needed";
    /** The info rule "outside target" fails with the gate. */
    static final String CRASH_INFO_FAIL = "halt rule crash_rate ≤ 0.005 FAIL: 101 of 12,345 trials (0.82 %): lower bound 0.0061 > 0.005";
    static final String WARNING_FAIL = "halt rule connection_time ≤ 20 for 15m FAIL: mean 23 over 15 values, sd 1.9: lower bound 21.4 > 20";
    static final String CRITICAL_FAIL = "halt rule crash_rate ≤ 0.02 for 15m FAIL: 188 of 6,410 trials (2.9 %): lower bound 0.0241 > 0.02";
    /** A crash spike fails the warning and info crash rules too. */
    static final List<String> CRASH_SPIKE = List.of(CRITICAL_FAIL,
            "halt rule crash_rate ≤ 0.01 for 15m FAIL: 188 of 6,410 trials (2.9 %): lower bound 0.0241 > 0.01",
            "halt rule crash_rate ≤ 0.005 FAIL: 1,210 of 182,400 trials (0.66 %): lower bound 0.0062 > 0.005");
    static final List<String> PHASE_2_GATES_PASS = List.of(
            "gate crash_rate ≤ 0.005 PASS: 96 of 201,433 trials (0.048 %): rules out ≥ 0.0055 with 95 % confidence",
            "gate connect_failure_rate ≤ 0.01 PASS: 840 of 208,120 trials (0.4 %): rules out ≥ 0.011 with 95 % confidence",
            "gate connection_time ≤ 10 PASS: mean 3.4 over 168 values, sd 0.55: rules out ≥ 11 with 95 % confidence",
            "gate critical_bugs ≤ 0 PASS: none in 2,520 minutes since the phase began");

    /** The kinds in the order docs/notifications.md shows them; keys name the snapshot files. */
    public static Map<String, Message> all() {
        Plan plan = plan();
        Map<String, Message> out = new LinkedHashMap<>();
        out.put("started", message(plan, command(Command.Type.START, Action.ENTER_PHASE, NotifyEvent.STARTED, 0, "alice.ng",
                "started at 'phase-1' by alice.ng: checklist confirmed (All tests passing, On-call engineer assigned)"),
                RolloutState.RUNNING, List.of()));
        out.put("advanced", message(plan, decision(DecisionType.ADVANCE, Action.ENTER_PHASE, NotifyEvent.ADVANCED, 1,
                "advance: every gate passed after soak 24h: entering 'phase-2' (50%)",
                PHASE_1_GATES_PASS.get(0), PHASE_1_GATES_PASS.get(1), PHASE_1_GATES_PASS.get(2)),
                RolloutState.RUNNING, verdicts(PHASE_1_GATES_PASS)));
        out.put("held", message(plan, decision(DecisionType.HOLD, Action.NONE, NotifyEvent.HELD, 0,
                "soak: soaking: 17h of 24h left", CRASH_INCONCLUSIVE),
                RolloutState.RUNNING, verdicts(List.of(CRASH_INCONCLUSIVE, PHASE_1_GATES_PASS.get(1), PHASE_1_GATES_PASS.get(2)))));
        out.put("halted", message(plan, decision(DecisionType.HALT, Action.HALT, NotifyEvent.HALTED, 0,
                CRASH_FAIL, "onGateFail: a failed gate applies onGateFail: pause"),
                RolloutState.HALTED, verdicts(List.of(CRASH_INFO_FAIL, CRASH_FAIL, PHASE_1_GATES_PASS.get(1), PHASE_1_GATES_PASS.get(2)))));
        out.put("paused", message(plan, command(Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, 1, "dana.k",
                "paused by dana.k: connect failures up in eu-west, checking the VPN gateways first"),
                RolloutState.PAUSED, verdicts(PHASE_2_GATES_PASS)));
        out.put("resumed", message(plan, command(Command.Type.RESUME, Action.RESUME, NotifyEvent.RESUMED, 1, "dana.k",
                "resumed by dana.k: a gateway restart in eu-west, not 2.1.0"),
                RolloutState.RUNNING, verdicts(PHASE_2_GATES_PASS)));
        // seed 002 pauses on a critical halt rule; on-call then rolls back by hand
        out.put("rolled-back", message(plan, command(Command.Type.ROLLBACK, Action.ROLLBACK, NotifyEvent.ROLLED_BACK, 1, "dana.k",
                "rolled back by dana.k: crash spike on Android 14 after the 50% step"),
                RolloutState.ROLLING_BACK, verdicts(Stream.concat(CRASH_SPIKE.stream(), Stream.of(
                        "gate crash_rate ≤ 0.005 FAIL: 1,210 of 182,400 trials (0.66 %): lower bound 0.0062 > 0.005",
                        PHASE_2_GATES_PASS.get(1), PHASE_2_GATES_PASS.get(2), PHASE_2_GATES_PASS.get(3))).toList())));
        out.put("completed", message(plan, decision(DecisionType.COMPLETE, Action.COMPLETE, NotifyEvent.COMPLETED, 2,
                "complete: every gate of the last phase passed after soak 0s"),
                RolloutState.COMPLETED, verdicts(List.of())));
        out.put("approval-needed", message(plan, decision(DecisionType.WAIT_APPROVAL, Action.NONE, NotifyEvent.APPROVAL_NEEDED, 1,
                "approval: gates passed; phase 'phase-3' needs approval before it is entered"),
                RolloutState.RUNNING, verdicts(List.of(
                        "gate crash_rate ≤ 0.005 PASS: 118 of 242,880 trials (0.049 %): rules out ≥ 0.0055 with 95 % confidence",
                        "gate connect_failure_rate ≤ 0.01 PASS: 1,020 of 251,002 trials (0.41 %): rules out ≥ 0.011 with 95 % confidence",
                        "gate connection_time ≤ 10 PASS: mean 3.4 over 192 values, sd 0.55: rules out ≥ 11 with 95 % confidence",
                        "gate critical_bugs ≤ 0 PASS: none in 2,880 minutes since the phase began"))));
        out.put("alert-warning", message(plan, decision(DecisionType.HOLD, Action.NONE, NotifyEvent.ALERT, 1,
                "soak: soaking: 30h of 48h left", "alert: " + WARNING_FAIL),
                RolloutState.RUNNING, verdicts(Stream.concat(Stream.of(WARNING_FAIL), PHASE_2_GATES_PASS.stream()).toList())));
        out.put("alert-critical", message(plan, decision(DecisionType.HOLD, Action.NONE, NotifyEvent.ALERT, 2,
                "watch: watching a COMPLETED rollout: halt rules only", "alert: " + CRITICAL_FAIL),
                RolloutState.COMPLETED, verdicts(CRASH_SPIKE)));
        out.put("changed-by-hand", message(plan, decision(DecisionType.PAUSE, Action.NONE, NotifyEvent.CHANGED_BY_HAND, 1,
                "google-play com.example.vpn production changed by hand: versionCodes [2100] on com.example.vpn production: "
                        + "raised in Play Console to 80 %; the phase is at 50 %; ringmaster paused rather than overwrite it: resume to "
                        + "put the phase's audience back, promote --force to go on from here, or roll back"),
                RolloutState.PAUSED, List.of()));
        out.put("action-failed", message(plan, decision(DecisionType.HOLD, Action.NONE, NotifyEvent.ACTION_FAILED, 0,
                "action-failed: halt failed: Google Play refused edits.tracks.update of com.example.vpn: 403 PERMISSION_DENIED: "
                        + "The caller does not have permission; tried again every tick"),
                RolloutState.HALTED, verdicts(List.of(CRASH_INFO_FAIL, CRASH_FAIL, PHASE_1_GATES_PASS.get(1), PHASE_1_GATES_PASS.get(2)))));
        out.put("daily-status", message(plan, decision(DecisionType.HOLD, Action.NONE, NotifyEvent.DAILY_STATUS, 1,
                "soak: soaking: 6h of 48h left"),
                RolloutState.RUNNING, verdicts(List.of(
                        "gate crash_rate ≤ 0.005 PASS: 96 of 201,433 trials (0.048 %): rules out ≥ 0.0055 with 95 % confidence",
                        "gate connect_failure_rate ≤ 0.01 PASS: 840 of 208,120 trials (0.4 %): rules out ≥ 0.011 with 95 % confidence",
                        "gate connection_time ≤ 10 INCONCLUSIVE: 9 of the 10 values needed to estimate the noise",
                        "gate critical_bugs ≤ 0 PASS: none in 2,520 minutes since the phase began"))));
        return out;
    }

    /** The halted message with {@code n} verdict lines: more than any channel takes. */
    public static Message withVerdicts(int n) {
        Plan plan = plan();
        List<String> lines = IntStream.range(0, n).mapToObj(i -> (i % 3 == 0 ? CRASH_FAIL : PHASE_1_GATES_PASS.get(i % 3))
                .replace("gate ", "gate m" + i + "_")).toList();
        return message(plan, decision(DecisionType.HALT, Action.HALT, NotifyEvent.HALTED, 0, CRASH_FAIL), RolloutState.HALTED,
                verdicts(lines));
    }

    /**
     * A decision's verdicts: every halt rule (passing unless {@code lines} has that rule's own verdict), then the
     * phase's gates from {@code lines}.
     */
    private static List<String> verdicts(List<String> lines) {
        List<String> all = new ArrayList<>();
        List<String> rest = new ArrayList<>(lines);
        for (String pass : HALT_RULES_PASS) {
            String rule = pass.substring(0, pass.indexOf(" PASS"));
            String own = rest.stream().filter(l -> l.startsWith(rule + " ")).findFirst().orElse(pass);
            rest.remove(own);
            all.add(own);
        }
        all.addAll(rest);
        return all;
    }

    private static Message message(Plan plan, RolloutEvent e, RolloutState state, List<String> verdicts) {
        List<String> reasons = new ArrayList<>();
        verdicts.forEach(v -> reasons.add("verdict: " + v));
        List<HistoryEntry> history = verdicts.isEmpty() ? List.of()
                : List.of(new HistoryEntry(ID, AT, e.version(), HistoryEntry.Kind.DECISION, "DECISION", e.phase(), "ringmaster", reasons));
        return Messages.of(plan, plan.phases().get(e.phaseIndex()), e, state, history, String.join("\n", e.reasons()));
    }

    private static RolloutEvent decision(DecisionType d, Action action, NotifyEvent event, int phase, String... reasons) {
        return new RolloutEvent(ID, 7, d, null, action, event, "phase-" + (phase + 1), phase, List.of(reasons), "ringmaster", AT);
    }

    private static RolloutEvent command(Command.Type c, Action action, NotifyEvent event, int phase, String operator, String... reasons) {
        return new RolloutEvent(ID, 7, null, c, action, event, "phase-" + (phase + 1), phase, List.of(reasons), operator, AT);
    }
}
