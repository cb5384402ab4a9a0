package dev.ringmaster.core.rollout;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.CommandResult.Accepted;
import dev.ringmaster.core.rollout.CommandResult.Refused;
import dev.ringmaster.core.window.WindowCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies operator commands and tick decisions to a rollout: every guard of CONTRACTS.md §2 in one place,
 * a pure function of (plan, rollout, command, now).
 */
public final class RolloutMachine {
    private RolloutMachine() {
    }

    public static CommandResult apply(Plan plan, Rollout r, Command c, Instant now) {
        return switch (c.type()) {
            case START -> start(plan, r, c, now);
            case PAUSE -> r.state() == RolloutState.RUNNING
                    ? accept(r.to(RolloutState.PAUSED, r.phaseIndex(), r.phaseEnteredAt(), why(c, "paused"), now), Transition.PAUSE, "paused")
                    : new Refused("cannot pause a " + r.state() + " rollout: only a RUNNING one");
            case RESUME -> resume(r, c, now);
            case ROLLBACK -> rollback(r, why(c, "rolled back by " + c.operator()), now);
            case KILL -> c.cohort() != null ? killCohort(plan, r, c, now) : kill(r, c, now);
            case PROMOTE -> promote(plan, r, c, now);
            case APPROVE -> approve(plan, r, c);
            case MARK_FIXED -> r.state() == RolloutState.ROLLED_BACK
                    ? new Accepted(r.markedFixed(why(c, "marked fixed")), null, "marked fixed: start may run again from the first phase")
                    : new Refused("only a ROLLED_BACK rollout is marked fixed; this one is " + r.state()
                    + (r.state().rollingBack() ? ": its rollback is not confirmed by the targets yet" : ""));
        };
    }

    /**
     * The change a tick's decision makes, or the same rollout when the decision only holds or waits. A
     * rollout that is not running changes only by a rollback or a kill (a halt rule that keeps watching it).
     */
    public static Rollout apply(Plan plan, Rollout r, Decision d, Instant now) {
        String why = d.summary();
        if (r.state() != RolloutState.RUNNING) {
            boolean escalates = (d.type() == DecisionType.ROLLBACK || d.type() == DecisionType.KILL)
                    && Transition.find(r.state(), RolloutState.ROLLING_BACK, "ROLLBACK").isPresent();
            return escalates ? r.to(RolloutState.ROLLING_BACK, r.phaseIndex(), r.phaseEnteredAt(), why, now) : r;
        }
        return switch (d.type()) {
            case ADVANCE -> r.to(RolloutState.RUNNING, r.phaseIndex() + 1, now, why, now);
            case COMPLETE -> r.to(RolloutState.COMPLETED, r.phaseIndex(), r.phaseEnteredAt(), why, now);
            case HALT -> r.to(RolloutState.HALTED, r.phaseIndex(), r.phaseEnteredAt(), why, now);
            case PAUSE -> r.to(RolloutState.PAUSED, r.phaseIndex(), r.phaseEnteredAt(), why, now);
            case ROLLBACK, KILL -> r.to(RolloutState.ROLLING_BACK, r.phaseIndex(), r.phaseEnteredAt(), why, now);
            case HOLD, WAIT_WINDOW, WAIT_APPROVAL, WAIT_REVIEW -> r;
        };
    }

    private static CommandResult start(Plan plan, Rollout r, Command c, Instant now) {
        Transition t;
        if (r.state() == RolloutState.PENDING) {
            t = Transition.START;
        } else if (r.state() == RolloutState.ROLLED_BACK) {
            if (!r.fixed()) {
                return new Refused("version " + plan.version() + " was rolled back (" + r.reason()
                        + "): fix the root cause and mark it fixed before it starts again (seed 003)");
            }
            t = Transition.RESTART_AFTER_FIX;
        } else {
            return new Refused("rollout " + r.id() + " is already " + r.state() + ": start applies to a PENDING rollout");
        }
        if (!plan.checklist().isEmpty() && !c.checklistConfirmed()) {
            return new Refused("confirm the pre-deployment checklist first (" + String.join("; ", plan.checklist()) + ")");
        }
        int phase = 0;
        boolean hotfixStart = false;
        if (c.phase() != null) {
            phase = plan.indexOf(c.phase());
            if (phase < 0) {
                return new Refused("no phase '" + c.phase() + "' in plan " + plan.id() + "; phases: "
                        + plan.phases().stream().map(Phase::name).toList());
            }
            hotfixStart = phase > 0;
            if (hotfixStart && !plan.hotfix()) {
                return new Refused("starting at phase '" + c.phase() + "' skips earlier phases: only a hotfix plan"
                        + " (metadata.hotfix: true) may deploy directly to a ring (seed 000)");
            }
        }
        Phase first = plan.phases().get(phase);
        if (first.approval().required() && r.approvedPhase() != phase) {
            return new Refused("phase '" + first.name() + "' needs approval before it is entered: run approve first");
        }
        WindowCheck window = plan.windows().check(now, plan.hotfix());
        if (!window.allowed()) {
            return new Refused("deployment window: " + window.reason());
        }
        String why = why(c, (hotfixStart ? "hotfix started at '" : "started at '") + first.name() + "'"
                + (c.after() == null ? "" : ", restarting " + c.after() + " after its fix"));
        return accept(r.started(phase, now, hotfixStart || plan.hotfix() && c.phase() != null, why, c.after()), t, why);
    }

    private static CommandResult resume(Rollout r, Command c, Instant now) {
        return switch (r.state()) {
            case PAUSED -> accept(r.to(RolloutState.RUNNING, r.phaseIndex(), r.phaseEnteredAt(), why(c, "resumed"), now),
                    Transition.RESUME_PAUSED, "resumed");
            case HALTED -> accept(r.to(RolloutState.RUNNING, r.phaseIndex(), r.phaseEnteredAt(), why(c, "resumed after halt"), now),
                    Transition.RESUME_HALTED, "resumed after halt");
            case COMPLETED -> new Refused("cannot resume a COMPLETED rollout: it already reached every user");
            case ROLLED_BACK -> new Refused("cannot resume a ROLLED_BACK rollout: mark it fixed, then start it again");
            default -> new Refused("cannot resume a " + r.state() + " rollout: only a PAUSED or HALTED one");
        };
    }

    private static CommandResult rollback(Rollout r, String why, Instant now) {
        if (r.state().rollingBack()) {
            return new Refused("a rollback is already under way (" + r.state() + ": " + r.reason() + ")");
        }
        return Transition.find(r.state(), RolloutState.ROLLING_BACK, "ROLLBACK")
                .<CommandResult>map(t -> accept(r.to(RolloutState.ROLLING_BACK, r.phaseIndex(), r.phaseEnteredAt(), why, now), t, why))
                .orElseGet(() -> new Refused("cannot roll back a " + r.state() + " rollout" + (r.state() == RolloutState.ROLLED_BACK
                        ? ": it is rolled back already" : ": it has reached no one yet")));
    }

    /**
     * Seed 004's kill switch, in every state: the global flag off and everything the rollout turned on taken
     * back. A rollout that is rolled back (or rolling back) keeps its state; the kill still goes out.
     */
    private static CommandResult kill(Rollout r, Command c, Instant now) {
        String why = why(c, "kill switch thrown by " + c.operator());
        if (r.state() == RolloutState.PENDING || r.state() == RolloutState.ROLLED_BACK || r.state().rollingBack()) {
            return new Accepted(r.touched(why), null, why);
        }
        return rollback(r, why, now);
    }

    /** {@code kill --cohort NAME}: that cohort's flag off; a running rollout in that cohort's phase halts. */
    private static CommandResult killCohort(Plan plan, Rollout r, Command c, Instant now) {
        if (plan.killSwitch() == null || plan.killSwitch().cohortFlag() == null) {
            return new Refused("kill --cohort needs spec.killSwitch.cohortFlag (seed 004 \"canary.cohort.{name}.enabled\")");
        }
        List<String> cohorts = plan.phases().stream().map(Phase::cohort).filter(java.util.Objects::nonNull).toList();
        if (!cohorts.contains(c.cohort())) {
            return new Refused("no cohort '" + c.cohort() + "' in plan " + plan.id() + "; cohorts: " + cohorts);
        }
        String why = why(c, "cohort " + c.cohort() + " killed by " + c.operator());
        if (r.state() == RolloutState.RUNNING && c.cohort().equals(plan.phases().get(r.phaseIndex()).cohort())) {
            return accept(r.to(RolloutState.HALTED, r.phaseIndex(), r.phaseEnteredAt(), why, now), Transition.HALT, why);
        }
        return new Accepted(r.touched(why), null, why);
    }

    private static CommandResult promote(Plan plan, Rollout r, Command c, Instant now) {
        if (!c.force()) {
            return new Refused("promote skips the gates: use promote --force with --reason (seed 004 emergency)");
        }
        if (c.reason() == null || c.reason().isBlank()) {
            return new Refused("promote --force needs a reason: it is recorded in the history with the operator");
        }
        int last = plan.phases().size() - 1;
        return Transition.find(r.state(), RolloutState.COMPLETED, "FORCE_PROMOTE")
                .<CommandResult>map(t -> accept(r.to(RolloutState.COMPLETED, last, r.phaseEnteredAt(),
                        "force-promoted to '" + plan.phases().get(last).name() + "' by " + c.operator() + ": " + c.reason(), now), t,
                        "force-promoted to 100 %"))
                .orElseGet(() -> new Refused("cannot promote a " + r.state() + " rollout"));
    }

    /**
     * Approval with identity: each approver is recorded, must belong to one of the phase's approver groups, and
     * counts once; entry is approved when {@code count} distinct people did (seed 001's change review board).
     */
    private static CommandResult approve(Plan plan, Rollout r, Command c) {
        int next = approvalPhase(r);
        if (r.state().terminal() || r.state().rollingBack()) {
            return new Refused("nothing to approve: the rollout is " + r.state());
        }
        if (next >= plan.phases().size() || !plan.phases().get(next).approval().required()) {
            String where = next >= plan.phases().size() ? "the last phase" : "phase '" + plan.phases().get(next).name() + "'";
            return new Refused(where + " does not ask for approval; approve is accepted only in the phase just before one that does");
        }
        Phase p = plan.phases().get(next);
        if (r.approvedPhase() == next) {
            return new Refused("phase '" + p.name() + "' is already approved (by " + String.join(", ", r.approvers()) + ")");
        }
        String who = c.operator() == null || c.operator().isBlank() ? null : c.operator();
        if (who == null) {
            return new Refused("approve needs the approver's name (--operator): approvals are recorded with who gave them");
        }
        if (!plan.mayApprove(p, who)) {
            return new Refused(who + " may not approve entry to '" + p.name() + "': approvals come from " + p.approval().from()
                    + " (spec.approvers)");
        }
        if (r.approvers().contains(who)) {
            return new Refused(who + " already approved entry to '" + p.name() + "' (" + r.approvers().size() + " of "
                    + p.approval().count() + "): another approver is needed");
        }
        List<String> unconfirmed = unconfirmed(p.approval().checklist(), c);
        if (!unconfirmed.isEmpty()) {
            return new Refused("the checklist of phase '" + p.name() + "' is not confirmed: " + String.join("; ", unconfirmed)
                    + " (confirm the whole checklist, or each item)");
        }
        List<String> approvers = new ArrayList<>(r.approvers());
        approvers.add(who);
        boolean done = approvers.size() >= p.approval().count();
        String checklist = p.approval().checklist().isEmpty() ? "" : " (checklist: " + String.join("; ", p.approval().checklist()) + ")";
        String message = done
                ? "approved entry to '" + p.name() + "' by " + String.join(", ", approvers) + checklist + "; gates and windows still apply"
                : "approval " + approvers.size() + " of " + p.approval().count() + " for '" + p.name() + "' by " + who + checklist;
        return new Accepted(r.approvedBy(approvers, done ? next : r.approvedPhase()), null, message);
    }

    /** The index of the phase an approve concerns now: the next one, or the first before start. */
    private static int approvalPhase(Rollout r) {
        return r.state() == RolloutState.PENDING ? r.phaseIndex() : r.phaseIndex() + 1;
    }

    /**
     * The checklist items an approval has not confirmed: none when the whole checklist was confirmed, else those the
     * approver did not name (compared as people type them: case and spacing aside).
     */
    static List<String> unconfirmed(List<String> checklist, Command c) {
        if (c.checklistConfirmed()) {
            return List.of();
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        c.checked().forEach(item -> named.add(item(item)));
        return checklist.stream().filter(item -> !named.contains(item(item))).toList();
    }

    private static String item(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A running rollout whose target was changed by hand stops acting (PAUSED) without a target call: a person
     * decided, and only a person resumes, promotes or rolls back.
     */
    public static Rollout changedByHand(Rollout r, String why, Instant now) {
        return r.to(RolloutState.PAUSED, r.phaseIndex(), r.phaseEnteredAt(), why, now);
    }

    /**
     * The state a target's answer to a rollback leads to: ROLLED_BACK once confirmed, ROLLBACK_FAILED when it
     * failed or was refused; the same rollout when the answer moves nothing.
     */
    public static Rollout confirm(Rollout r, boolean ok, String why, Instant now) {
        if (!r.state().rollingBack()) {
            return r;
        }
        if (ok) {
            return r.to(RolloutState.ROLLED_BACK, r.phaseIndex(), r.phaseEnteredAt(), why, now);
        }
        return r.state() == RolloutState.ROLLBACK_FAILED ? r : r.to(RolloutState.ROLLBACK_FAILED, r.phaseIndex(), r.phaseEnteredAt(), why, now);
    }

    private static Accepted accept(Rollout next, Transition t, String message) {
        return new Accepted(next, t, message);
    }

    private static String why(Command c, String what) {
        String who = c.operator() == null ? "" : " by " + c.operator();
        return what + (what.contains(" by ") ? "" : who) + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason());
    }
}
