package dev.ringmaster.sim;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.sim.SentMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one simulated rollout did, in virtual time: what the report draws and the JSON summarises.
 *
 * @param outcome       the final state (RUNNING when {@code until} came first), or the refusal of the start
 * @param bad           the scenario's truth: some canary value is worse than its baseline by the plan's own rule
 * @param usersExposed  users who got the canary before the run ended or halted (audience × traffic)
 * @param audience      the audience over time as the target reported it
 * @param metrics       per gated metric, the evidence the gate engine saw on each tick
 * @param decisions     each tick decision that changed something or was announced
 * @param history       the rollout's history as stored
 * @param targetState   what the last phase's target reports at the end, as a person would read it in its console
 * @param targetCalls   every call made on a target, in order, with its result (the example run only)
 * @param messages      every message that reached a channel, in order (the example run only)
 * @param flags         the flag document at the end, as nested maps (the example run only)
 */
public record SimulationRun(String plan, String scenario, long seed, Outcome outcome, boolean bad, Instant start, Instant end,
                            double usersExposed, List<AudiencePoint> audience, Map<String, List<MetricPoint>> metrics,
                            List<DecisionMark> decisions, List<HistoryEntry> history, String targetState, List<TargetCall> targetCalls,
                            List<SentMessage> messages, Map<String, Object> flags) {

    public SimulationRun {
        audience = List.copyOf(audience);
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        decisions = List.copyOf(decisions);
        history = List.copyOf(history);
        targetCalls = List.copyOf(targetCalls);
        messages = List.copyOf(messages);
        flags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flags));
    }

    /**
     * How a run ended: the rollout's final state, or the start's refusal (then {@code state} is null).
     *
     * @param byCommand a scenario's command (pause, rollback, kill) stopped it, not ringmaster: never a false halt
     */
    public record Outcome(RolloutState state, String refusal, boolean byCommand) {

        public static Outcome of(RolloutState state) {
            return new Outcome(state, null, false);
        }

        /** Ringmaster itself stopped the build (a false halt when the build was healthy). */
        public boolean haltedByRingmaster() {
            return stopped() && !byCommand;
        }

        /** COMPLETED, HALTED, …, or "REFUSED: why". */
        public String name() {
            return state != null ? state.name() : "REFUSED: " + refusal;
        }

        /** The run stopped the build: halted, paused or rolled back (or on its way there). */
        public boolean stopped() {
            return state != null && state != RolloutState.RUNNING && state != RolloutState.COMPLETED && state != RolloutState.PENDING;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * One call on a target as {@code exampleRun.targetCalls} shows it (CONTRACTS.md §6).
     *
     * @param call   enter, resume, complete, halt, rollback or kill
     * @param result ok, error or refused
     */
    public record TargetCall(double hours, String call, String phase, String result) {
    }

    public double hours() {
        return java.time.Duration.between(start, end).toSeconds() / 3600.0;
    }

    /** The audience (0–100 %) in {@code phase} from {@code at}. */
    public record AudiencePoint(Instant at, double percent, String phase) {
    }

    /**
     * One tick's evidence for one gate or halt rule: estimate and always-valid interval against the bound
     * (NaN where the engine had none), with the verdict.
     */
    public record MetricPoint(Instant at, String criterion, double estimate, double lower, double upper, double bound,
                              String verdict) {
    }

    public record DecisionMark(Instant at, String decision, String phase, String summary) {
    }
}
