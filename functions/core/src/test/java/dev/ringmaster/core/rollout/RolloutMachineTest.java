package dev.ringmaster.core.rollout;

import static dev.ringmaster.core.rollout.TestPlans.T0;
import static dev.ringmaster.core.rollout.TestPlans.android;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.Command.Type;
import dev.ringmaster.core.rollout.CommandResult.Accepted;
import dev.ringmaster.core.rollout.CommandResult.Refused;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Operator commands against the state machine: every guard of CONTRACTS.md §2, one seed rule per case. */
class RolloutMachineTest {
    private static final Plan PLAN = android("");
    private static final Plan CHECKLIST = android("  checklist: [All tests passing, On-call engineer assigned]\n");
    private static final Plan HOTFIX = android(true, "");
    /** Friday 2026-12-04 13:00 in Berlin. */
    private static final Instant FRIDAY_1300_BERLIN = Instant.parse("2026-12-04T12:00:00Z");
    private static final Plan WINDOWS = android("""
              windows:
                timezone: Europe/Berlin
                deny: [{days: [FRI], from: "12:00"}]
            """);

    record Case(String rule, Plan plan, Rollout rollout, Command command, Instant now, RolloutState expectedState,
                String messageMentions) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Rollout in(RolloutState state, int phase) {
        return new Rollout("android-test", state, phase, T0, T0, 5, -1, false, false, "because");
    }

    static Command cmd(Type type) {
        return Command.of(type, "sam", "");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("start puts a PENDING rollout in its first phase", PLAN, Rollout.pending("android-test"), cmd(Type.START), T0,
                        RolloutState.RUNNING, "started at 'phase-1'"),
                new Case("seed 003: the pre-deployment checklist must be confirmed before start", CHECKLIST,
                        Rollout.pending("android-test"), cmd(Type.START), T0, null, "confirm the pre-deployment checklist"),
                new Case("seed 003: a confirmed checklist lets start go", CHECKLIST, Rollout.pending("android-test"),
                        new Command(Type.START, "sam", "", null, true, false), T0, RolloutState.RUNNING, "started"),
                new Case("seed 000: only a hotfix deploys directly to a later ring", PLAN, Rollout.pending("android-test"),
                        new Command(Type.START, "sam", "", "phase-2", false, false), T0, null, "only a hotfix plan"),
                new Case("seed 000: a hotfix starts directly at the affected ring", HOTFIX, Rollout.pending("android-test"),
                        new Command(Type.START, "sam", "CVE-2026-1", "phase-2", false, false), T0, RolloutState.RUNNING,
                        "hotfix started at 'phase-2'"),
                new Case("start names an unknown phase: refused with the phases listed", HOTFIX, Rollout.pending("android-test"),
                        new Command(Type.START, "sam", "", "phase-9", false, false), T0, null, "[phase-1, phase-2, phase-3]"),
                new Case("seed 003: start in a denied window is refused with the next allowed time", WINDOWS,
                        Rollout.pending("android-test"), cmd(Type.START), FRIDAY_1300_BERLIN, null, "deployment window"),
                new Case("start of a RUNNING rollout is refused", PLAN, in(RolloutState.RUNNING, 0), cmd(Type.START), T0, null,
                        "already RUNNING"),
                new Case("seed 004: canary:pause pauses a running rollout", PLAN, in(RolloutState.RUNNING, 0), cmd(Type.PAUSE), T0,
                        RolloutState.PAUSED, "paused"),
                new Case("seed 004: canary:resume resumes a paused rollout", PLAN, in(RolloutState.PAUSED, 0), cmd(Type.RESUME), T0,
                        RolloutState.RUNNING, "resumed"),
                new Case("a HALTED rollout needs a person: resume is accepted", PLAN, in(RolloutState.HALTED, 0), cmd(Type.RESUME), T0,
                        RolloutState.RUNNING, "resumed after halt"),
                new Case("no resume of a COMPLETED rollout", PLAN, in(RolloutState.COMPLETED, 2), cmd(Type.RESUME), T0, null,
                        "cannot resume a COMPLETED rollout"),
                new Case("pause of a PAUSED rollout is refused", PLAN, in(RolloutState.PAUSED, 0), cmd(Type.PAUSE), T0, null,
                        "only a RUNNING one"),
                new Case("seed 004: deploy:rollback rolls a running rollout back, rolled back once the targets confirm it", PLAN,
                        in(RolloutState.RUNNING, 1), cmd(Type.ROLLBACK), T0, RolloutState.ROLLING_BACK, "rolled back by sam"),
                new Case("a halted rollout may be rolled back", PLAN, in(RolloutState.HALTED, 1), cmd(Type.ROLLBACK), T0,
                        RolloutState.ROLLING_BACK, "rolled back"),
                new Case("a second rollback while one is under way is refused, saying so", PLAN, in(RolloutState.ROLLBACK_FAILED, 1),
                        cmd(Type.ROLLBACK), T0, null, "a rollback is already under way"),
                new Case("a rollback not yet confirmed cannot be marked fixed", PLAN, in(RolloutState.ROLLING_BACK, 1),
                        cmd(Type.MARK_FIXED), T0, null, "only a ROLLED_BACK"),
                new Case("seed 000 ring 4: a completed rollout is rolled back (via hotfix): withdrawn where the targets can", PLAN,
                        in(RolloutState.COMPLETED, 2), cmd(Type.ROLLBACK), T0, RolloutState.ROLLING_BACK, "rolled back by sam"),
                new Case("a rolled-back rollout is not rolled back again", PLAN, in(RolloutState.ROLLED_BACK, 2), cmd(Type.ROLLBACK), T0,
                        null, "rolled back already"),
                new Case("seed 004: the kill switch takes the canary away from everyone", PLAN, in(RolloutState.RUNNING, 1),
                        cmd(Type.KILL), T0, RolloutState.ROLLING_BACK, "kill switch"),
                new Case("seed 004: promote without --force is refused", PLAN, in(RolloutState.RUNNING, 0),
                        Command.of(Type.PROMOTE, "sam", "incident"), T0, null, "promote --force"),
                new Case("promote --force needs a reason", PLAN, in(RolloutState.RUNNING, 0),
                        new Command(Type.PROMOTE, "sam", " ", null, false, true), T0, null, "needs a reason"),
                new Case("seed 004: promote --force skips to 100 % (emergency)", PLAN, in(RolloutState.HALTED, 0),
                        new Command(Type.PROMOTE, "sam", "fix needs every user now", null, false, true), T0,
                        RolloutState.COMPLETED, "force-promoted"),
                new Case("approve is accepted in the phase just before one that asks for it, before soak ends", PLAN,
                        in(RolloutState.RUNNING, 1), cmd(Type.APPROVE), T0, RolloutState.RUNNING, "approved entry to 'phase-3'"),
                new Case("approve anywhere else is refused with the reason", PLAN, in(RolloutState.RUNNING, 0), cmd(Type.APPROVE), T0,
                        null, "phase 'phase-2' does not ask for approval"),
                new Case("seed 002/003: a rolled-back version cannot restart until marked fixed", PLAN,
                        in(RolloutState.ROLLED_BACK, 1), cmd(Type.START), T0, null, "mark it fixed"),
                new Case("only a rolled-back rollout is marked fixed", PLAN, in(RolloutState.RUNNING, 0), cmd(Type.MARK_FIXED), T0,
                        null, "only a ROLLED_BACK"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesTheGuard(Case c) {
        CommandResult r = RolloutMachine.apply(c.plan(), c.rollout(), c.command(), c.now());
        if (c.expectedState() == null) {
            Refused refused = assertInstanceOf(Refused.class, r);
            assertTrue(refused.reason().contains(c.messageMentions()), refused.reason());
        } else {
            Accepted a = assertInstanceOf(Accepted.class, r, r.toString());
            assertEquals(c.expectedState(), a.rollout().state());
            assertEquals(c.rollout().version() + 1, a.rollout().version(), "every accepted change bumps the version");
            assertTrue((a.message() + " " + a.rollout().reason()).contains(c.messageMentions()), a.message() + " / " + a.rollout().reason());
        }
    }

    /** Seed 004's kill switch in every state: the state each one is left in (the kill itself always goes out). */
    static Stream<org.junit.jupiter.params.provider.Arguments> killInEveryState() {
        return Stream.of(
                args(RolloutState.PENDING, RolloutState.PENDING),
                args(RolloutState.RUNNING, RolloutState.ROLLING_BACK),
                args(RolloutState.PAUSED, RolloutState.ROLLING_BACK),
                args(RolloutState.HALTED, RolloutState.ROLLING_BACK),
                args(RolloutState.COMPLETED, RolloutState.ROLLING_BACK),
                args(RolloutState.ROLLING_BACK, RolloutState.ROLLING_BACK),
                args(RolloutState.ROLLBACK_FAILED, RolloutState.ROLLBACK_FAILED),
                args(RolloutState.ROLLED_BACK, RolloutState.ROLLED_BACK));
    }

    private static org.junit.jupiter.params.provider.Arguments args(Object... values) {
        return org.junit.jupiter.params.provider.Arguments.of(values);
    }

    @ParameterizedTest(name = "seed 004 kill switch from {0}: accepted, leaves {1}")
    @MethodSource("killInEveryState")
    void seed004KillSwitchIsAcceptedInEveryState(RolloutState from, RolloutState left) {
        Accepted a = assertInstanceOf(Accepted.class, RolloutMachine.apply(PLAN, in(from, 1), cmd(Type.KILL), T0));
        assertEquals(left, a.rollout().state());
        assertEquals(6, a.rollout().version(), "a new version: the kill's intent is written with it");
        assertTrue(a.rollout().reason().contains("kill switch thrown by sam"), a.rollout().reason());
    }

    @Test
    void everyStateIsCoveredByTheKillTable() {
        assertEquals(RolloutState.values().length, killInEveryState().count());
    }

    private static final Plan COHORTS = TestPlans.parse(read("events/plans/004-canary-cohorts.yaml"));
    private static final Plan BOARD = TestPlans.parse(read("events/plans/001-aitherzero-rings.yaml"));

    static String read(String file) {
        try {
            return java.nio.file.Files.readString(dev.ringmaster.core.RepoFiles.root().resolve(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Command killCohort(String cohort) {
        return new Command(Type.KILL, "sam", "sev2", null, false, false, cohort, null);
    }

    /** An approval with the phase's checklist confirmed. */
    static Command approveBy(String who) {
        return new Command(Type.APPROVE, who, "", null, true, false);
    }

    static Command approveChecking(String who, String... items) {
        return new Command(Type.APPROVE, who, "", null, false, false, null, null, java.util.List.of(items));
    }

    static Stream<Case> seedRuleCases() {
        Rollout inBeta = new Rollout("web", RolloutState.RUNNING, 2, T0, T0, 5, -1, false, false, "running");
        Rollout atRing2 = new Rollout("az", RolloutState.RUNNING, 3, T0, T0, 5, -1, false, false, "running");
        Rollout oneApproval = atRing2.approvedBy(java.util.List.of("dana"), -1);
        return Stream.of(
                new Case("seed 004 kill --cohort: the current cohort's kill halts the rollout", COHORTS, inBeta, killCohort("beta"), T0,
                        RolloutState.HALTED, "cohort beta killed by sam"),
                new Case("seed 004 kill --cohort: an earlier cohort's flag goes off, the rollout runs on", COHORTS, inBeta,
                        killCohort("internal_test"), T0, RolloutState.RUNNING, "cohort internal_test killed"),
                new Case("seed 004 kill --cohort: an unknown cohort is refused, naming the plan's cohorts", COHORTS, inBeta,
                        killCohort("gamma"), T0, null, "cohorts: [internal_test, friendly_gp, beta, ga]"),
                new Case("seed 004 kill --cohort needs killSwitch.cohortFlag", PLAN, in(RolloutState.RUNNING, 0), killCohort("beta"), T0,
                        null, "needs spec.killSwitch.cohortFlag"),
                new Case("seed 001 change review board: a non-member may not approve", BOARD, atRing2, approveBy("sam"), T0, null,
                        "sam may not approve entry to 'production': approvals come from [change-review-board]"),
                new Case("seed 001 change review board: the first of two approvals is recorded, entry not yet approved", BOARD, atRing2,
                        approveBy("dana"), T0, RolloutState.RUNNING, "approval 1 of 2 for 'production' by dana"),
                new Case("seed 001 change review board: the same person counts once", BOARD, oneApproval, approveBy("dana"), T0, null,
                        "dana already approved entry to 'production' (1 of 2)"),
                new Case("seed 001 change review board: a second member approves entry", BOARD, oneApproval, approveBy("farid"), T0,
                        RolloutState.RUNNING, "approved entry to 'production' by dana, farid"),
                new Case("an approval needs the approver's name", BOARD, atRing2, approveBy(" "), T0, null, "needs the approver's name"),
                new Case("seed 001: an approval without the phase's checklist confirmed is refused, naming every item", BOARD, atRing2,
                        Command.of(Type.APPROVE, "dana", ""), T0, null, "the checklist of phase 'production' is not confirmed: "
                        + "Change review approved; Rollback plan validated; On-call team briefed"),
                new Case("seed 001: an approval confirming some items is refused, naming the others", BOARD, atRing2,
                        approveChecking("dana", "change review approved", " Rollback  plan validated "), T0, null,
                        "the checklist of phase 'production' is not confirmed: On-call team briefed ("),
                new Case("seed 001: an approval naming every item confirms the checklist", BOARD, atRing2,
                        approveChecking("dana", "Change review approved", "Rollback plan validated", "On-call team briefed"), T0,
                        RolloutState.RUNNING, "approval 1 of 2 for 'production' by dana"),
                new Case("a phase without a checklist is approved without confirming one", PLAN, in(RolloutState.RUNNING, 1),
                        Command.of(Type.APPROVE, "sam", ""), T0, RolloutState.RUNNING, "approved entry to 'phase-3' by sam"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedRuleCases")
    void appliesTheSeedRule(Case c) {
        appliesTheGuard(c);
    }

    @Test
    void seed001ApprovalIsGrantedOnlyByTheCountOfDistinctApprovers() {
        Rollout atRing2 = new Rollout("az", RolloutState.RUNNING, 3, T0, T0, 5, -1, false, false, "running");
        Accepted first = assertInstanceOf(Accepted.class, RolloutMachine.apply(BOARD, atRing2, approveBy("dana"), T0));
        assertEquals(-1, first.rollout().approvedPhase(), "one of two: not approved yet");
        Accepted second = assertInstanceOf(Accepted.class, RolloutMachine.apply(BOARD, first.rollout(), approveBy("mei"), T0));
        assertEquals(4, second.rollout().approvedPhase());
        assertEquals(java.util.List.of("dana", "mei"), second.rollout().approvers(), "who approved is recorded");
    }

    @Test
    void seed002RestartAfterFixResumesFromPhaseOne() {
        Rollout rolledBack = in(RolloutState.ROLLED_BACK, 1);
        Accepted fixed = assertInstanceOf(Accepted.class, RolloutMachine.apply(PLAN, rolledBack, cmd(Type.MARK_FIXED), T0));
        Accepted restarted = assertInstanceOf(Accepted.class, RolloutMachine.apply(PLAN, fixed.rollout(), cmd(Type.START), T0));
        assertEquals(Transition.RESTART_AFTER_FIX, restarted.transition());
        assertEquals(0, restarted.rollout().phaseIndex());
        assertEquals(RolloutState.RUNNING, restarted.rollout().state());
    }

    @Test
    void everyAcceptedStateChangeIsInTheTransitionTable() {
        Plan plan = HOTFIX;
        for (RolloutState state : RolloutState.values()) {
            for (Type type : Type.values()) {
                Command c = new Command(type, "sam", "reason", null, true, true);
                CommandResult r = RolloutMachine.apply(plan, in(state, 1), c, T0);
                if (r instanceof Accepted a && a.rollout().state() != state) {
                    assertTrue(Arrays.stream(Transition.values()).anyMatch(t -> t.from == state && t.to == a.rollout().state()),
                            type + " from " + state + " to " + a.rollout().state() + " is not in the table");
                    assertEquals(state, a.transition().from);
                }
            }
        }
    }

    @Test
    void tickDecisionsMoveOnlyRunningRollouts() {
        Decision advance = new Decision(DecisionType.ADVANCE, "phase-1", java.util.List.of(Reason.of("advance", "gates passed")),
                java.util.List.of(), java.util.List.of(), T0, null);
        Rollout running = in(RolloutState.RUNNING, 0);
        Rollout next = RolloutMachine.apply(PLAN, running, advance, T0.plusSeconds(60));
        assertEquals(1, next.phaseIndex());
        assertEquals(T0.plusSeconds(60), next.phaseEnteredAt(), "soak of the new phase starts when it is entered");
        Rollout paused = in(RolloutState.PAUSED, 0);
        assertEquals(paused, RolloutMachine.apply(PLAN, paused, advance, T0), "a paused rollout is not advanced by a stale decision");
    }
}
