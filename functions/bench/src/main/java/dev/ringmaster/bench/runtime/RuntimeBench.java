package dev.ringmaster.bench.runtime;

import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * `bench runtime`: every function's JVM start to first handled event beside the plain-Java floor, then the warm
 * evaluate-gates curve over 1 h, 1 day and 7 days of history, all in one run on one DynamoDB Local.
 */
public final class RuntimeBench {
    /** The rollout id of the events/ samples. */
    static final String SAMPLE_ROLLOUT = "android-2-1-0";
    static final String TABLE = "ringmaster-bench";
    public static final String FLOOR = "plain Java";
    public static final String QUARKUS = "Quarkus JVM";
    /** Ticks a launched evaluate-gates serves after its first. */
    static final int WARM_TICKS = 10;

    /**
     * @param launches launches per function (the median is reported)
     * @param warmup   evaluate-gates ticks before measuring, per history
     * @param ticks    measured ticks per history
     */
    public record Options(Path root, int launches, int warmup, int ticks, Path logDir) {
    }

    public record Result(List<ColdStart.Row> coldStarts, List<SteadyState.Point> curve) {
    }

    private RuntimeBench() {
    }

    public static Result run(Options o, PrintWriter progress) throws IOException, InterruptedException {
        BenchRollout bench = BenchRollout.load(o.root());
        try (LocalDynamo dynamo = LocalDynamo.start(); ServiceStandIn services = ServiceStandIn.start()) {
            try (DynamoDbClient client = dynamo.client()) {
                DynamoDbRolloutStore.createTable(client, TABLE);
                bench.prometheusAt(services.url()).seed(new DynamoDbRolloutStore(client, TABLE), SAMPLE_ROLLOUT, Instant.now(),
                        Duration.ofHours(1));
            }
            Map<String, String> env = environment(dynamo, services);
            List<ColdStart.Row> rows = new ArrayList<>();
            for (ColdStart.Function f : ColdStart.FUNCTIONS) {
                String event = Files.readString(o.root().resolve("events").resolve(f.event()));
                // evaluate-gates gets more ticks, as its container does from the schedule: the warm handler time and log bytes.
                List<String> events = f.name().equals("evaluate-gates") ? java.util.Collections.nCopies(1 + WARM_TICKS, event) : List.of(event);
                var jar = ColdStart.quarkusJar(o.root(), f.name());
                if (jar.isEmpty()) {
                    rows.add(new ColdStart.Row(f.name(), QUARKUS, "not built: " + ColdStart.buildCommand(f.name()), List.of()));
                } else {
                    progress.printf("launching %s (%s) %d times…%n", f.name(), QUARKUS, o.launches());
                    progress.flush();
                    rows.add(new ColdStart.Row(f.name(), QUARKUS, null,
                            ColdStart.measure(f.name(), ColdStart.quarkusCommand(jar.get()), env, events, o.launches(), o.logDir())));
                }
                if (f.name().equals("evaluate-gates")) {
                    progress.printf("launching %s (%s) %d times…%n", f.name(), FLOOR, o.launches());
                    progress.flush();
                    rows.add(new ColdStart.Row(f.name(), FLOOR, null,
                            ColdStart.measure(f.name() + "-floor", ColdStart.floorCommand(), env, events, o.launches(), o.logDir())));
                }
            }
            progress.printf("ticking evaluate-gates in-process: %d warm-up and %d measured ticks per history…%n", o.warmup(), o.ticks());
            progress.flush();
            return new Result(rows, SteadyState.run(dynamo, bench, o.warmup(), o.ticks()));
        }
    }

    /** What the CDK stack gives a function, pointed at this machine's stand-ins; nothing of this process's own. */
    static Map<String, String> environment(LocalDynamo dynamo, ServiceStandIn services) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("AWS_REGION", LocalDynamo.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalDynamo.KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalDynamo.KEY);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo.endpoint().toString());
        env.put("QUARKUS_DYNAMODB_AWS_REGION", LocalDynamo.REGION);
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalDynamo.KEY);
        env.put("QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalDynamo.KEY);
        env.put("RINGMASTER_TABLE", TABLE);
        env.put("RINGMASTER_AWS_REGION", LocalDynamo.REGION);
        env.put("RINGMASTER_EVENTS_BUS", "ringmaster");
        env.put("RINGMASTER_EVENTS_ENDPOINT", services.url());
        env.put("RINGMASTER_SCHEDULER_ENDPOINT", services.url());
        env.put("RINGMASTER_SCHEDULER_GROUP", "ringmaster");
        env.put("RINGMASTER_SCHEDULER_FUNCTION_ARN", ColdStart.FUNCTION_ARN + "evaluate-gates");
        env.put("RINGMASTER_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/ringmaster-scheduler");
        env.put("RINGMASTER_INVOCATION_TIMEOUT", "60s");
        return env;
    }
}
