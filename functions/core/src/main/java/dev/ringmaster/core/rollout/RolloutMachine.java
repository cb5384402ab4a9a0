package dev.ringmaster.core.rollout;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.CommandResult.Accepted;
import dev.ringmaster.core.rollout.CommandResult.Refused;
import dev.ringmaster.core.window.WindowCheck;
import java.time.Instant;

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
                    ? accept(r.to(RolloutState.PAUSED, r.phaseIndex(), r.phaseEnteredAt(), why(c, "paused")), Transition.PAUSE, "paused")
                    : new Refused("cannot pause a " + r.state() + " rollout: only a RUNNING one");
            case RESUME -> resume(r, c);
            case ROLLBACK -> rollback(r, why(c, "rolled back by " + c.operator()));
            case KILL -> rollback(r, why(c, "kill switch thrown by " + c.operator()));
            case PROMOTE -> promote(plan, r, c);
            case APPROVE -> approve(plan, r);
            case MARK_FIXED -> r.state() == RolloutState.ROLLED_BACK
                    ? new Accepted(r.markedFixed(why(c, "marked fixed")), null, "marked fixed: start may run again from the first phase")
                    : new Refused("only a ROLLED_BACK rollout is marked fixed; this one is " + r.state());
        };
    }

    /** The change a tick's decision makes, or the same rollout when the decision only holds or waits. */
    public static Rollout apply(Plan plan, Rollout r, Decision d, Instant now) {
        if (r.state() != RolloutState.RUNNING) {
            return r;
        }
        String why = d.summary();
        return switch (d.type()) {
            case ADVANCE -> r.to(RolloutState.RUNNING, r.phaseIndex() + 1, now, why);
            case COMPLETE -> r.to(RolloutState.COMPLETED, r.phaseIndex(), r.phaseEnteredAt(), why);
            case HALT -> r.to(RolloutState.HALTED, r.phaseIndex(), r.phaseEnteredAt(), why);
            case PAUSE -> r.to(RolloutState.PAUSED, r.phaseIndex(), r.phaseEnteredAt(), why);
            case ROLLBACK -> r.to(RolloutState.ROLLING_BACK, r.phaseIndex(), r.phaseEnteredAt(), why);
            case HOLD, WAIT_WINDOW, WAIT_APPROVAL -> r;
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
        String why = why(c, (hotfixStart ? "hotfix started at '" : "started at '") + first.name() + "'");
        return accept(r.started(phase, now, hotfixStart, why), t, why);
    }

    private static CommandResult resume(Rollout r, Command c) {
        return switch (r.state()) {
            case PAUSED -> accept(r.to(RolloutState.RUNNING, r.phaseIndex(), r.phaseEnteredAt(), why(c, "resumed")),
                    Transition.RESUME_PAUSED, "resumed");
            case HALTED -> accept(r.to(RolloutState.RUNNING, r.phaseIndex(), r.phaseEnteredAt(), why(c, "resumed after halt")),
                    Transition.RESUME_HALTED, "resumed after halt");
            case COMPLETED -> new Refused("cannot resume a COMPLETED rollout: it already reached every user");
            case ROLLED_BACK -> new Refused("cannot resume a ROLLED_BACK rollout: mark it fixed, then start it again");
            default -> new Refused("cannot resume a " + r.state() + " rollout: only a PAUSED or HALTED one");
        };
    }

    private static CommandResult rollback(Rollout r, String why) {
        if (r.state().rollingBack()) {
            return new Refused("a rollback is already under way (" + r.state() + ": " + r.reason() + ")");
        }
        return Transition.find(r.state(), RolloutState.ROLLING_BACK, "ROLLBACK")
                .<CommandResult>map(t -> accept(r.to(RolloutState.ROLLING_BACK, r.phaseIndex(), r.phaseEnteredAt(), why), t, why))
                .orElseGet(() -> new Refused("cannot roll back a " + r.state() + " rollout"));
    }

    /**
     * The state a target's answer to a rollback leads to: ROLLED_BACK once confirmed, ROLLBACK_FAILED when it
     * failed or was refused; the same rollout when the answer moves nothing.
     */
    public static Rollout confirm(Rollout r, boolean ok, String why) {
        if (!r.state().rollingBack()) {
            return r;
        }
        if (ok) {
            return r.to(RolloutState.ROLLED_BACK, r.phaseIndex(), r.phaseEnteredAt(), why);
        }
        return r.state() == RolloutState.ROLLBACK_FAILED ? r : r.to(RolloutState.ROLLBACK_FAILED, r.phaseIndex(), r.phaseEnteredAt(), why);
    }

    private static CommandResult promote(Plan plan, Rollout r, Command c) {
        if (!c.force()) {
            return new Refused("promote skips the gates: use promote --force with --reason (seed 004 emergency)");
        }
        if (c.reason() == null || c.reason().isBlank()) {
            return new Refused("promote --force needs a reason: it is recorded in the history with the operator");
        }
        int last = plan.phases().size() - 1;
        return Transition.find(r.state(), RolloutState.COMPLETED, "FORCE_PROMOTE")
                .<CommandResult>map(t -> accept(r.to(RolloutState.COMPLETED, last, r.phaseEnteredAt(),
                        "force-promoted to '" + plan.phases().get(last).name() + "' by " + c.operator() + ": " + c.reason()), t,
                        "force-promoted to 100 %"))
                .orElseGet(() -> new Refused("cannot promote a " + r.state() + " rollout"));
    }

    private static CommandResult approve(Plan plan, Rollout r) {
        int next = r.state() == RolloutState.PENDING ? r.phaseIndex() : r.phaseIndex() + 1;
        if (r.state().terminal()) {
            return new Refused("nothing to approve: the rollout is " + r.state());
        }
        if (next >= plan.phases().size() || !plan.phases().get(next).approval().required()) {
            String where = next >= plan.phases().size() ? "the last phase" : "phase '" + plan.phases().get(next).name() + "'";
            return new Refused(where + " does not ask for approval; approve is accepted only in the phase just before one that does");
        }
        if (r.approvedPhase() == next) {
            return new Refused("phase '" + plan.phases().get(next).name() + "' is already approved");
        }
        Phase p = plan.phases().get(next);
        String checklist = p.approval().checklist().isEmpty() ? "" : " (checklist: " + String.join("; ", p.approval().checklist()) + ")";
        return new Accepted(r.approving(next), null, "approved entry to '" + p.name() + "'" + checklist
                + "; gates and windows still apply");
    }

    private static Accepted accept(Rollout next, Transition t, String message) {
        return new Accepted(next, t, message);
    }

    private static String why(Command c, String what) {
        String who = c.operator() == null ? "" : " by " + c.operator();
        return what + (what.contains(" by ") ? "" : who) + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason());
    }
}
