package dev.ringmaster.bench.runtime;

import com.sun.management.ThreadMXBean;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.core.rollout.GateLedger;
import dev.ringmaster.core.rollout.Live;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.PlanCache;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * evaluate-gates in this JVM, warm: the bench rollout's tick at {@code NOW}, one 5-minute step after the tick before
 * it, its metrics served from memory, its store the DynamoDB adapter on DynamoDB Local. Every measured tick starts from
 * the same stored rollout (as the tick 5 minutes earlier left it, put back with an uncounted client before each), so
 * each is the steady-state tick at that history: one new sample per metric. Only public APIs (the EvaluateGates
 * constructor and tick, GateLedger and DecisionEngine.decide, the ports).
 */
public final class SteadyState {
    /** The histories of the curve: the rollout has been in its last phase this long. */
    public static final List<Duration> HISTORIES = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    /** The decision alone is cheap: timed this many times per measured tick, so a few collector pauses do not make its p99. */
    static final int DECIDES_PER_TICK = 10;
    /** The rollout's STATE item key (docs/state.md). */
    private static final Function<String, Map<String, AttributeValue>> STATE_KEY = id -> Map.of(
            "pk", AttributeValue.fromS("ROLLOUT#" + id), "sk", AttributeValue.fromS("STATE"));

    /**
     * One history's figures, per tick: times in milliseconds ({@code storeMs}: the mean time inside DynamoDB calls;
     * {@code own}: the tick less its DynamoDB calls, ringmaster's own work and the metric reads),
     * DynamoDB calls and units, bytes allocated by the ticking thread (the SDK's HTTP client runs on it; DynamoDB
     * Local's threads are not counted).
     */
    public record Point(Duration history, int samplesPerMetric, int ticks, double tickP50, double tickP99, double storeMs, double ownP50,
                        double ownP99, double decideP50,
                        double decideP99, double allocatedBytes, double reads, double writes, double readUnits, double writeUnits,
                        boolean capacityReported, Map<String, Double> calls, String decision) {
    }

    private SteadyState() {
    }

    /**
     * @param warmup ticks of every history before any is measured (JIT, DynamoDB Local, connections), interleaved so
     *               no history is measured on a colder JVM than another
     * @param ticks  measured ticks per history
     */
    public static List<Point> run(LocalDynamo dynamo, BenchRollout bench, int warmup, int ticks) {
        List<Subject> subjects = new ArrayList<>();
        try {
            for (Duration h : HISTORIES) {
                subjects.add(new Subject(dynamo, bench, h));
            }
            for (int i = 0; i < warmup; i++) {
                subjects.forEach(s -> {
                    s.restore();
                    s.gates.tick(s.id);
                });
            }
            return subjects.stream().map(s -> s.measure(warmup, ticks)).toList();
        } finally {
            subjects.forEach(Subject::close);
        }
    }

    /** One history's rollout, on its own table, with its own counting client. */
    private static final class Subject implements AutoCloseable {
        final Duration history;
        final BenchRollout bench;
        final OperationCounter counter = new OperationCounter();
        final DynamoDbClient client;
        /** Puts the stored rollout back between ticks; its calls are not the tick's. */
        final DynamoDbClient uncounted;
        final String table;
        final Map<String, AttributeValue> before;
        final RolloutStore store;
        final HealthyMetrics metrics;
        final EvaluateGates gates;
        final String id;

        Subject(LocalDynamo dynamo, BenchRollout bench, Duration history) {
            this.history = history;
            this.bench = bench;
            this.client = dynamo.client(counter);
            this.uncounted = dynamo.client();
            this.table = "bench-steady-" + history.toMinutes();
            DynamoDbRolloutStore.createTable(client, table);
            this.store = new DynamoDbRolloutStore(client, table);
            this.id = "bench-" + history.toMinutes() + "m";
            bench.seed(store, id, NOW, history);
            this.metrics = new HealthyMetrics(bench.plan(), NOW.minus(history), NOW, 7);
            EventPublisher bus = event -> { };
            this.gates = new EvaluateGates(store, metrics, bus, new Idle(), Clock.fixed(NOW, ZoneOffset.UTC), new PlanCache(), null);
            // The tick before: it leaves the rollout (and its gate ledger) as every measured tick finds it.
            new EvaluateGates(store, metrics, bus, new Idle(), Clock.fixed(NOW.minus(HealthyMetrics.STEP), ZoneOffset.UTC),
                    new PlanCache(), null).tick(id);
            this.before = uncounted.getItem(b -> b.tableName(table).key(STATE_KEY.apply(id)).consistentRead(true)).item();
        }

        void restore() {
            uncounted.putItem(b -> b.tableName(table).item(before));
        }

        Point measure(int warmup, int ticks) {
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            counter.reset();
            String decision = "";
            double[] times = new double[ticks];
            double[] own = new double[ticks];
            long allocated = 0;
            for (int i = 0; i < ticks; i++) {
                restore();
                long bytes = threads.getThreadAllocatedBytes(thread);
                long inStore = counter.nanos();
                long start = System.nanoTime();
                EvaluateGates.Result r = gates.tick(id);
                long took = System.nanoTime() - start;
                times[i] = took / 1e6;
                own[i] = (took - (counter.nanos() - inStore)) / 1e6;
                allocated += threads.getThreadAllocatedBytes(thread) - bytes;
                decision = decisionOf(r);
            }
            OperationCounter.Counts counts = counter.counts();
            restore();
            double[] decide = decide(bench.plan(), store, metrics, id, warmup, DECIDES_PER_TICK * ticks);
            Map<String, Double> calls = new LinkedHashMap<>();
            counts.calls().forEach((op, n) -> calls.put(op, n / (double) ticks));
            int samples = (int) (history.toMinutes() / HealthyMetrics.STEP.toMinutes());
            return new Point(history, samples, ticks, quantile(times, 0.5), quantile(times, 0.99), counts.nanos() / 1e6 / ticks,
                    quantile(own, 0.5), quantile(own, 0.99), quantile(decide, 0.5), quantile(decide, 0.99), allocated / (double) ticks,
                    counts.reads() / (double) ticks, counts.writes() / (double) ticks, counts.readUnits() / ticks,
                    counts.writeUnits() / ticks, counts.unreported() == 0, calls, decision);
        }

        @Override
        public void close() {
            client.close();
            uncounted.close();
        }
    }

    /**
     * The decision alone, as the tick makes it in memory: its gate ledger opened from the stored text, the metrics'
     * new samples (read beforehand, from where the ledger says) folded in, DecisionEngine.decide, the ledger written
     * back to text. No I/O.
     */
    private static double[] decide(Plan plan, RolloutStore store, HealthyMetrics metrics, String id, int warmup, int ticks) {
        StoredRollout stored = store.find(id).orElseThrow();
        Rollout r = stored.rollout();
        Phase phase = plan.phases().get(r.phaseIndex());
        DecisionEngine engine = new DecisionEngine();
        Set<String> names = new LinkedHashSet<>();
        plan.haltRules().stream().map(HaltRule::metric).forEach(names::add);
        phase.gates().stream().map(Gate::metric).forEach(names::add);
        Map<String, Instant> from = GateLedger.open(plan, r.phaseIndex(), engine.thresholds(plan, phase, NOW, r.phaseEnteredAt()),
                stored.ledger()).readFrom(plan, names, NOW);
        Map<String, MetricSeries> observations = new LinkedHashMap<>();
        from.forEach((name, start) -> observations.put(name,
                new MetricSeries(name, metrics.read(plan.metrics().get(name), id, plan.version(), start, NOW), false)));
        for (int i = 0; i < warmup; i++) {
            decideOnce(engine, plan, stored, observations);
        }
        double[] times = new double[ticks];
        for (int i = 0; i < ticks; i++) {
            long start = System.nanoTime();
            decideOnce(engine, plan, stored, observations);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return times;
    }

    private static String decideOnce(DecisionEngine engine, Plan plan, StoredRollout stored, Map<String, MetricSeries> observations) {
        Rollout r = stored.rollout();
        GateLedger ledger = GateLedger.open(plan, r.phaseIndex(),
                engine.thresholds(plan, plan.phases().get(r.phaseIndex()), NOW, r.phaseEnteredAt()), stored.ledger());
        ledger.fold(observations, NOW);
        engine.decide(plan, r, observations, NOW, Live.since(r.phaseEnteredAt()), ledger);
        return ledger.encode();
    }

    private static String decisionOf(EvaluateGates.Result r) {
        return r.decision().map(d -> d.type().name()).orElse("none: " + r.note());
    }

    /** The value at quantile {@code q} (nearest rank) of {@code values}. */
    public static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A rollout's schedule exists already; the benchmark's ticks are its own. */
    private static final class Idle implements TickScheduler {
        @Override
        public void schedule(String rolloutId, Duration rate) {
        }

        @Override
        public void unschedule(String rolloutId) {
        }
    }
}
