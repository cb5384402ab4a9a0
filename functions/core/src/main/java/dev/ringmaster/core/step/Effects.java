package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Claim;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.Settlement;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TargetState;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out an intent's action on the targets exactly once, after Powertools' idempotency handler: claim
 * (only while the intent is the rollout's current effect and no other step is acting for the rollout), act,
 * record the outcome and release the claim in one write; on a failure record it, release the claim and rethrow
 * so a redelivery or the next tick tries again. An intent that a later one overtook is closed as superseded
 * and never acts: no target call ever follows a later pause, halt, rollback or kill.
 */
final class Effects {
    /** Retries of a failed call wait 30 s, 1 m, 2 m, 4 m, then 5 m: a protective action is tried at least every tick. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final int SETTLE_ATTEMPTS = 5;

    private final RolloutStore store;
    private final Targets targets;
    private final FlagWriter flags;
    private final Clock clock;
    private final PlanCache plans;

    Effects(RolloutStore store, Targets targets, FlagWriter flags, Clock clock, PlanCache plans) {
        this.store = store;
        this.targets = targets;
        this.flags = flags;
        this.clock = clock;
        this.plans = plans;
    }

    /**
     * Carries out {@code event}'s action, holding the claim until {@code until} (the invocation's deadline).
     *
     * @return what happened, or empty when there was nothing to do (already settled, or not this store's event)
     */
    Optional<String> apply(RolloutEvent event, Instant until) {
        Optional<Intent> found = store.intent(event.rolloutId(), event.intentId());
        // The stored intent is the truth: an event that asks something else of this version is not ours to act on.
        if (found.isEmpty() || !found.get().actionOpen() || found.get().action() != event.action()) {
            return Optional.empty();
        }
        Intent intent = found.get();
        Instant now = clock.instant();
        Claim claim = store.claimEffect(intent, now, until);
        if (claim instanceof Claim.Superseded s) {
            store.supersede(intent, superseded(intent, s.current(), now));
            return Optional.of("superseded by v" + s.current().version() + " " + s.current().action().call());
        }
        if (claim instanceof Claim.Busy b) {
            // The holder settles it, or its claim expires and the next tick sends this intent again.
            return Optional.of("not now: " + b.holder() + " is acting until " + b.until());
        }
        if (claim instanceof Claim.Settled) {
            return Optional.empty();
        }
        int attempts = ((Claim.Claimed) claim).before().attempts();
        StoredRollout stored = store.find(intent.rolloutId()).orElseThrow();
        Plan plan = plans.get(intent.rolloutId(), stored.planYaml());
        Phase phase = plan.phases().get(intent.phaseIndex());
        Target target = plan.targetOf(phase);
        List<Call> calls;
        try {
            calls = perform(plan, stored.rollout(), intent, phase, target);
        } catch (RolloutTarget.Refused e) {
            String outcome = "refused: " + target.type().key + ": " + e.getMessage();
            settle(intent, Effect.Status.REFUSED, outcome, e.getMessage(), null, List.of(new Call(intent.action().call(), phase, "refused",
                    outcome)));
            return Optional.of(outcome);
        } catch (RuntimeException e) {
            Instant retry = clock.instant().plus(backoff(attempts));
            String error = target.type().key + ": " + message(e);
            settle(intent, Effect.Status.FAILED, null, error, retry, List.of(new Call(intent.action().call(), phase,
                    "error (attempt " + (attempts + 1) + ")", "error: " + error + "; tried again from " + retry)));
            throw e;
        }
        // Outside the try: a store that fails while recording a call the target took is not the target failing.
        String outcome = "done: " + String.join("; ", calls.stream().map(Call::text).toList());
        settle(intent, Effect.Status.DONE, outcome, null, null, calls);
        return Optional.of(outcome);
    }

    /**
     * One call made on a target (or a flag store) while carrying an action out, as its ACTION history entry
     * shows it: "rollback ok (ring-1)", with what the target said.
     *
     * @param result ok, refused, or error (attempt n)
     */
    private record Call(String call, Phase phase, String result, String text) {
    }

    private static final String PREVIOUS = "; previous ";
    private static final java.util.regex.Pattern PREVIOUS_DIGEST = java.util.regex.Pattern.compile("; previous (sha256:[0-9a-f]{64})");

    static Duration backoff(int failedBefore) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(failedBefore, 10));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    /** Carries the action out: each call made, with what the target said. */
    private List<Call> perform(Plan plan, Rollout rollout, Intent intent, Phase phase, Target target) {
        String version = plan.version() == null ? rollout.id() : plan.version();
        RolloutTarget adapter = targets.of(target.type());
        String call = intent.action().call();
        return switch (intent.action()) {
            case ENTER_PHASE -> {
                TargetState s = adapter.enter(target, phase, version);
                writeFlags(plan, phase, target, true);
                yield List.of(ok(call, phase, describe(target, s)));
            }
            case RESUME -> List.of(ok(call, phase, describe(target, adapter.resume(target, phase, version))));
            case COMPLETE -> List.of(ok(call, phase, describe(target, adapter.complete(target, version))));
            case HALT -> List.of(ok(call, phase, describe(target, adapter.halt(target, phase, version))));
            case ROLLBACK -> withdraw(plan, rollout, version);
            case KILL -> {
                List<Call> calls = new ArrayList<>();
                calls.add(ok("kill", phase, "kill switch " + throwKillSwitch(plan) + " off"));
                calls.addAll(withdraw(plan, rollout, version));
                yield calls;
            }
            case KILL_COHORT -> {
                String flag = plan.killSwitch().cohortFlagFor(phase.cohort());
                flags.write(flagStore(plan, target), Map.of(flag, false));
                yield List.of(ok("kill", phase, "cohort flag " + flag + " off; " + describe(target, adapter.rollback(target, phase, version))));
            }
            case NONE -> throw new IllegalStateException("an intent without action was claimed: " + intent.id());
        };
    }

    private static Call ok(String call, Phase phase, String text) {
        return new Call(call, phase, "ok", text);
    }

    /**
     * A rollback withdraws the build everywhere the rollout put it (issue 10, seed 003): every phase it reached,
     * newest first, on that phase's target (a ring tag back to its last good digest, a cohort's flag off, Play
     * halted, the App Store phased release paused), and every flag a phase turned on. What a target cannot undo
     * (its API refuses) is said, and the others are withdrawn still; a target that cannot be reached fails the
     * whole rollback, which is tried again (every call sets an absolute state).
     */
    private List<Call> withdraw(Plan plan, Rollout rollout, String version) {
        List<Call> calls = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<HistoryEntry> history = null;
        for (int i = rollout.phaseIndex(); i >= Math.max(0, rollout.firstPhase()); i--) {
            Phase p = plan.phases().get(i);
            Target t = plan.targetOf(p);
            if (t.type() == TargetType.CONTAINER_RING) {
                // read once for every ring the rollback withdraws, and only when there is a ring
                history = history == null ? store.history(rollout.id()) : history;
                t = lastGood(history, p, t);
            }
            // A store release serves every percentage phase at once: withdrawn once. Rings, cohorts and groups are each their own.
            if (seen.add(t + "|" + p.ring() + "|" + p.cohort() + "|" + p.groups())) {
                try {
                    calls.add(ok("rollback", p, p.name() + ": " + describe(t, targets.of(t.type()).rollback(t, p, version))));
                } catch (RolloutTarget.Refused e) {
                    calls.add(new Call("rollback", p, "refused", p.name() + ": could not undo on " + t.describe() + ": " + e.getMessage()));
                }
            }
            writeFlags(plan, p, t, false);
        }
        return calls;
    }

    /**
     * Records the answer and releases the claim. A rollback's answer moves the rollout too (ROLLED_BACK or
     * ROLLBACK_FAILED), under the version condition: a racing tick may have written in between, so read again.
     */
    private void settle(Intent intent, Effect.Status status, String outcome, String error, Instant retryAt, List<Call> calls) {
        Instant now = clock.instant();
        Phase phase = calls.get(0).phase();
        // One entry per call; a call on another phase than the intent's says which (a rollback withdraws several).
        List<HistoryEntry> actions = calls.stream().map(c -> new HistoryEntry(intent.rolloutId(), now, intent.version(),
                HistoryEntry.Kind.ACTION, c.call() + " " + c.result() + (c.phase().name().equals(intent.event().phase()) ? "" : " (" + c.phase().name() + ")"),
                c.phase().name(), "ringmaster", List.of(c.text()))).toList();
        for (int attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
            StoredRollout stored = store.find(intent.rolloutId()).orElseThrow();
            Rollout current = stored.rollout();
            Rollout next = intent.action() == Action.ROLLBACK || intent.action() == Action.KILL
                    ? RolloutMachine.confirm(current, status == Effect.Status.DONE,
                            rollbackWhy(plans.get(intent.rolloutId(), stored.planYaml()), current, outcome, error, now), now)
                    : current;
            List<HistoryEntry> entries = new ArrayList<>(actions);
            if (next != current) {
                entries.add(new HistoryEntry(intent.rolloutId(), now, next.version(), HistoryEntry.Kind.TRANSITION,
                        current.state() + " → " + next.state(), phase.name(), "ringmaster", List.of(next.reason())));
            }
            Settlement.Result r = store.settleEffect(new Settlement(intent, status, outcome, error, now, retryAt, entries,
                    next != current ? next : null, current.version()));
            if (r != Settlement.Result.VERSION_CONFLICT) {
                return;
            }
        }
        throw new IllegalStateException("could not record the outcome of " + intent.id() + " of " + intent.rolloutId()
                + ": the rollout kept changing; its claim expires and the next tick tries again");
    }

    /** Seed 000 and 004: how long the rollback took from its decision, against the phase's {@code rollbackWithin}. */
    private static String rollbackWhy(Plan plan, Rollout r, String outcome, String error, Instant now) {
        if (outcome == null) {
            return "rollback failed: " + error + "; tried again every tick";
        }
        Duration took = r.stoppedAt() == null ? Duration.ZERO : Duration.between(r.stoppedAt(), now);
        Duration limit = plan.rollbackWithin(plan.phases().get(r.phaseIndex()));
        return "rolled back in " + Durations.format(took.withNanos(0)) + (limit == null ? ""
                : took.compareTo(limit) > 0 ? ", over its rollbackWithin " + Durations.format(limit) : " (rollbackWithin " + Durations.format(limit) + ")")
                + ": " + outcome;
    }

    static HistoryEntry superseded(Intent intent, Effect current, Instant now) {
        return new HistoryEntry(intent.rolloutId(), now, intent.version(), HistoryEntry.Kind.ACTION,
                intent.action().call() + " superseded", intent.event().phase(), "ringmaster",
                List.of("v" + intent.version() + " " + intent.action().call() + " " + intent.event().phase()
                        + " not applied: overtaken by v" + current.version() + " " + current.action().call()));
    }

    /**
     * A phase's flags, for that phase's audience (seed 000's flags per ring): under {@code audiences.<phase>.<flag>},
     * so ring 2's {@code new_features: 50} never changes ring 3's; on entry its values and its cohort's kill-switch
     * flag on, on withdrawal every one of them off (false, 0 %).
     */
    private void writeFlags(Plan plan, Phase phase, Target target, boolean entering) {
        FlagStore store = flagStore(plan, target);
        if (store == null) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        phase.flags().forEach((flag, value) -> values.put(audienceFlag(phase, flag), entering ? value : value instanceof Boolean ? false : 0.0));
        if (plan.killSwitch() != null && plan.killSwitch().cohortFlag() != null && phase.cohort() != null) {
            values.put(plan.killSwitch().cohortFlagFor(phase.cohort()), entering);
        }
        if (!values.isEmpty()) {
            flags.write(store, values);
        }
    }

    /** Where a phase's flag lives in the flag store: scoped to the phase's audience. */
    public static String audienceFlag(Phase phase, String flag) {
        return "audiences." + phase.name() + "." + flag;
    }

    /** The kill switch: the global canary flag off (seed 004 "system.canary.enabled"); the flag's name, or "none". */
    private String throwKillSwitch(Plan plan) {
        FlagStore store = flagStore(plan, plan.target());
        if (store == null || plan.killSwitch() == null) {
            return "none";
        }
        flags.write(store, Map.of(plan.killSwitch().flag(), false));
        return plan.killSwitch().flag();
    }

    static FlagStore flagStore(Plan plan, Target target) {
        if (plan.flagStore() != null) {
            return plan.flagStore();
        }
        if (target != null && target.type() == TargetType.FEATURE_FLAG) {
            Map<String, Object> keys = new LinkedHashMap<>(target.keys());
            keys.remove("flag");
            return new FlagStore(target.key("provider"), keys);
        }
        return null;
    }

    static String describe(Target target, TargetState state) {
        return target.type().key + " " + state.status()
                + (Double.isNaN(state.percent()) ? "" : " at " + Numbers.plain(state.percent()) + "%")
                + (state.detail() == null || state.detail().isEmpty() ? "" : " (" + state.detail() + ")")
                + (state.previous() == null ? "" : PREVIOUS + state.previous());
    }

    /**
     * A ring's last good digest is what its tag held before this rollout first moved it: the history records it
     * ({@link TargetState#previous}) and a rollback hands it to the target as key {@code lastGood} (seed 001).
     */
    private static Target lastGood(List<HistoryEntry> history, Phase phase, Target target) {
        return history.stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.ACTION && phase.name().equals(e.phase()) && e.what().startsWith("enter ok"))
                .map(e -> PREVIOUS_DIGEST.matcher(e.reasons().get(0)))
                .filter(java.util.regex.Matcher::find)
                .findFirst()
                .map(m -> target.with("lastGood", m.group(1)))
                .orElse(target);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
