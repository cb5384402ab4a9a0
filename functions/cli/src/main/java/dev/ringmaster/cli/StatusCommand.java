package dev.ringmaster.cli;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.step.EvaluateGates;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@CommandLine.Command(name = "status", mixinStandardHelpOptions = true,
        description = {"State, phase and audience of a rollout on the local runner (with --aws: in the deployed table),",
                "every gate's and halt rule's verdict with its evidence at the last tick, and what the rollout waits for."},
        footer = {"", "Examples:", "  ./ringmaster status android-2-1-0",
                "  ./ringmaster status android-2-1-0 --aws --region eu-west-1 --table ringmaster"})
public class StatusCommand extends RunnerCommand {
    /** The functions' own default (ringmaster.table). */
    static final String DEPLOYED_TABLE = "ringmaster";
    private static final Where LOCAL = new Where("on the local runner", "is `./ringmaster run` running?", "the runner's next tick sends it");

    /** What is said differently of the local runner and of the deployed ringmaster. */
    record Where(String name, String noTick, String owedBy) {
    }

    @CommandLine.Parameters(index = "0", paramLabel = "ROLLOUT", description = "rollout id")
    String rolloutId;

    @CommandLine.Option(names = "--table", paramLabel = "NAME",
            description = "with --aws: the deployed DynamoDB table (default: RINGMASTER_TABLE, else " + DEPLOYED_TABLE + ")")
    String table;

    @Override
    int run(RolloutStore store, PrintWriter out, PrintWriter err) {
        return run(store, options.clock().instant(), out, err);
    }

    /** The deployed table, read directly: status changes nothing, so no function is invoked. */
    @Override
    int runDeployed(PrintWriter out, PrintWriter err) {
        String name = table != null && !table.isBlank() ? table.strip() : AwsOptions.setting("ringmaster.table").orElse(DEPLOYED_TABLE);
        Where deployed = new Where("in table " + name, "is its schedule invoking evaluate-gates?", "the next tick sends it");
        try (SdkHttpClient http = AwsClients.http(); DynamoDbClient db = aws.configure(DynamoDbClient.builder(), http).build()) {
            return run(new DynamoDbRolloutStore(db, name), Instant.now(), deployed, out, err);
        } catch (SdkException e) {
            throw aws.explain(e, "read the table " + name, "Name the deployed table with --table or RINGMASTER_TABLE (and check --region).",
                    "dynamodb:GetItem and dynamodb:Query");
        }
    }

    int run(RolloutStore store, Instant now, PrintWriter out, PrintWriter err) {
        return run(store, now, LOCAL, out, err);
    }

    private int run(RolloutStore store, Instant now, Where where, PrintWriter out, PrintWriter err) {
        Optional<StoredRollout> found = store.find(rolloutId);
        if (found.isEmpty()) {
            err.println(rolloutId + ": no such rollout " + where.name());
            return ExitCode.FAIL;
        }
        Rollout r = found.get().rollout();
        Plan plan = LocalRunner.plans().get(rolloutId, found.get().planYaml());
        Phase phase = plan.phases().get(r.phaseIndex());
        out.printf("%s %s: %s in phase %d/%d '%s' (%s), version %d%n", rolloutId, plan.version() == null ? "" : plan.version(),
                r.state(), r.phaseIndex() + 1, plan.phases().size(), phase.name(), phase.audience(), r.version());
        if (r.phaseEnteredAt() != null) {
            Duration in = Duration.between(r.phaseEnteredAt(), now);
            out.printf("in phase for %s of soak %s%s; %s%n", Durations.format(Duration.ofMinutes(Math.max(0, in.toMinutes()))),
                    Durations.format(phase.soak()), phase.maxSoak() == null ? "" : " (maxSoak " + Durations.format(phase.maxSoak()) + ")",
                    r.reason());
        }
        List<HistoryEntry> history = store.history(rolloutId);
        Optional<HistoryEntry> decision = history.stream().filter(h -> h.kind() == HistoryEntry.Kind.DECISION).reduce((a, b) -> b);
        decision.ifPresentOrElse(d -> print(d, out), () -> out.println("no tick yet: " + where.noTick()));
        out.println(effect(found.get().effect()));
        rollbackTime(plan, r, history, now).ifPresent(out::println);
        watching(plan, r, now).ifPresent(out::println);
        List<Intent> open = store.openIntents(rolloutId);
        open.forEach(i -> out.println("owed: v" + i.version() + " " + i.event().cause()
                + (i.actionOpen() ? " — " + i.action().call() + " on the target" : "") + (i.notified() ? "" : " — its message")
                + "; " + where.owedBy()));
        return ExitCode.OK;
    }

    /**
     * Seed 000's per-ring {@code rollbackWithin}, seed 004's "rollback time < 30 minutes": from the decision to
     * roll back to the targets' confirmation, as the confirming transition recorded it, or so far.
     */
    static Optional<String> rollbackTime(Plan plan, Rollout r, List<HistoryEntry> history, Instant now) {
        if (r.state().rollingBack() && r.stoppedAt() != null) {
            Duration took = Duration.between(r.stoppedAt(), now).withNanos(0);
            Duration limit = plan.rollbackWithin(plan.phases().get(r.phaseIndex()));
            return Optional.of("rollback: decided at " + r.stoppedAt() + ", not confirmed yet after " + Durations.format(took)
                    + (limit == null ? "" : took.compareTo(limit) > 0 ? ", OVER its rollbackWithin " + Durations.format(limit)
                    : " (rollbackWithin " + Durations.format(limit) + ")"));
        }
        if (r.state() != dev.ringmaster.core.rollout.RolloutState.ROLLED_BACK) {
            return Optional.empty();
        }
        // The confirming transition says how long it took: "rolled back in 12m (rollbackWithin 30m): done: …".
        return history.stream().filter(h -> h.kind() == HistoryEntry.Kind.TRANSITION && h.what().endsWith("→ ROLLED_BACK")
                        && !h.reasons().isEmpty()).reduce((a, b) -> b)
                .map(h -> "rollback: confirmed at " + h.at() + ", " + h.reasons().get(0).split(": ", 2)[0]);
    }

    /** Whether halt rules are still judged: a stopped build may still be live (issue 10: watching does not stop at RUNNING). */
    static Optional<String> watching(Plan plan, Rollout r, Instant now) {
        return switch (r.state()) {
            case HALTED, PAUSED, ROLLING_BACK, ROLLBACK_FAILED -> Optional.of("watch: halt rules still judged, the build is live");
            case COMPLETED, ROLLED_BACK -> r.watchEnds(plan).map(end -> "watch: halt rules judged " + (now.isBefore(end) ? "until " : "until (ended) ")
                    + end + " (" + (r.state() == dev.ringmaster.core.rollout.RolloutState.COMPLETED ? "watchAfterComplete " : "watchAfterRollback ")
                    + Durations.format(Duration.between(r.stoppedAt(), end)) + ")");
            default -> Optional.empty();
        };
    }

    /** Where the rollout's last action stands on its target: done, on its way, failing (and when it is tried again), refused. */
    static String effect(Effect e) {
        if (e.status() == Effect.Status.NONE) {
            return "target: nothing asked yet";
        }
        String what = "target: v" + e.version() + " " + e.action().call() + " ";
        return what + switch (e.status()) {
            case DONE -> "done at " + e.at();
            case PENDING -> "asked at " + e.at() + ", not carried out yet";
            case IN_PROGRESS -> "being carried out (claimed until " + e.heldUntil() + ")";
            case FAILED -> "FAILED " + e.attempts() + " time(s): " + e.error() + "; tried again from " + e.retryAt();
            case REFUSED -> "REFUSED: " + e.error() + "; not tried again: act on the target by hand";
            case NONE -> "";
        };
    }

    private static void print(HistoryEntry d, PrintWriter out) {
        List<String> reasons = d.reasons().stream().filter(r -> !r.startsWith(EvaluateGates.VERDICT)).toList();
        out.println("last decision " + d.at() + ": " + d.what() + (reasons.isEmpty() ? "" : " — waits for / because: " + reasons.get(0)));
        reasons.stream().skip(1).forEach(r -> out.println("  " + r));
        Table t = new Table("VERDICT", "RULE AND EVIDENCE");
        d.reasons().stream().filter(r -> r.startsWith(EvaluateGates.VERDICT)).map(r -> r.substring(EvaluateGates.VERDICT.length()))
                .forEach(v -> {
                    String[] parts = v.split(": ", 2);
                    String rule = parts[0];
                    int space = rule.lastIndexOf(' ');
                    t.row(space < 0 ? "?" : rule.substring(space + 1), (space < 0 ? rule : rule.substring(0, space)) + (parts.length > 1 ? ": " + parts[1] : ""));
                });
        t.print(out);
    }
}
