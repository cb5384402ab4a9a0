package dev.ringmaster.bench.runtime;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark's rollout: events/plans/bench-runtime.yaml, RUNNING in its last phase for a given time (its
 * history), stored with no open effect, as a rollout is after days of HOLD ticks.
 */
public record BenchRollout(String yaml, Plan plan) {
    public static final String PLAN = "events/plans/bench-runtime.yaml";
    /** The Prometheus URL the plan file names; a launched function is given the stand-in's instead. */
    static final String PLAN_PROMETHEUS = "http://127.0.0.1:9090";

    public static BenchRollout load(Path root) {
        try {
            return of(Files.readString(root.resolve(PLAN)));
        } catch (IOException e) {
            throw new UncheckedIOException(PLAN + " cannot be read under " + root + ": " + e.getMessage(), e);
        }
    }

    public static BenchRollout of(String yaml) {
        ParseResult parsed = PlanParser.parse(PLAN, yaml);
        if (!parsed.ok()) {
            throw new IllegalArgumentException(PLAN + ": " + parsed.errors());
        }
        return new BenchRollout(yaml, parsed.plan());
    }

    /** The same plan reading Prometheus at {@code url}. */
    public BenchRollout prometheusAt(String url) {
        return of(yaml.replace(PLAN_PROMETHEUS, url));
    }

    public int lastPhase() {
        return plan.phases().size() - 1;
    }

    /** Stores rollout {@code id} running in the last phase since {@code now - history}. */
    public void seed(RolloutStore store, String id, Instant now, Duration history) {
        Instant entered = now.minus(history);
        Rollout r = new Rollout(id, RolloutState.RUNNING, lastPhase(), entered, entered.minus(Duration.ofDays(2)), 1, -1, false, false,
                "bench: in its last phase for " + history);
        store.create(new StoredRollout(r, yaml), new HistoryEntry(id, entered, 1, HistoryEntry.Kind.COMMAND, "start",
                plan.phases().get(lastPhase()).name(), "bench", List.of("seeded by ringmaster bench runtime")));
    }
}
