package dev.ringmaster.bench.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.aws.EventBridgePublisher;
import dev.ringmaster.adapters.aws.EventBridgeTickScheduler;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.TargetCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * evaluate-gates without Quarkus: a main that builds EvaluateGates from the core and the adapters by hand, from the
 * same environment the function is given, and serves the Lambda runtime API loop. It does the function's work with
 * nothing else loaded: the floor of JVM start that `bench runtime` sets beside the Quarkus package.
 */
public final class FloorHandler {
    private FloorHandler() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String api = "http://" + env.get("AWS_LAMBDA_RUNTIME_API") + RuntimeApiStandIn.BASE;
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        EvaluateGates gates;
        try {
            gates = evaluateGates(env);
        } catch (RuntimeException e) {
            post(http, api + "/init/error", error(json, e));
            throw e;
        }
        while (true) {
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(api + "/invocation/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (next.statusCode() != 200) {
                return;
            }
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            try {
                JsonNode event = json.readTree(next.body());
                String rollout = event.path("rolloutId").asText(event.path("detail").path("rolloutId").asText(""));
                if (rollout.isBlank()) {
                    throw new IllegalArgumentException("a tick is {\"rolloutId\": \"...\"}; this one has no rolloutId");
                }
                EvaluateGates.Result r = gates.tick(rollout);
                Map<String, Object> answer = new java.util.LinkedHashMap<>();
                answer.put("rolloutId", rollout);
                answer.put("decision", r.decision().map(d -> d.type().name()).orElse(null));
                answer.put("written", r.written());
                answer.put("note", r.note());
                post(http, api + "/invocation/" + id + "/response", json.writeValueAsString(answer));
            } catch (RuntimeException e) {
                post(http, api + "/invocation/" + id + "/error", error(json, e));
            }
        }
    }

    static EvaluateGates evaluateGates(Map<String, String> env) {
        Region region = Region.of(env.getOrDefault("AWS_REGION", LocalDynamo.REGION));
        SdkHttpClient http = AwsClients.http();
        AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), region,
                AwsClients.endpoint(Optional.ofNullable(env.get("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE")), env), http, credentials).build();
        RolloutStore store = new DynamoDbRolloutStore(dynamo, env.getOrDefault("RINGMASTER_TABLE", "ringmaster"));
        EventBridgePublisher bus = new EventBridgePublisher(AwsClients.configure(EventBridgeClient.builder(), region,
                AwsClients.endpoint(Optional.ofNullable(env.get("RINGMASTER_EVENTS_ENDPOINT")), env), http, credentials).build(),
                env.getOrDefault("RINGMASTER_EVENTS_BUS", "ringmaster"));
        EventBridgeTickScheduler scheduler = new EventBridgeTickScheduler(AwsClients.configure(SchedulerClient.builder(), region,
                AwsClients.endpoint(Optional.ofNullable(env.get("RINGMASTER_SCHEDULER_ENDPOINT")), env), http, credentials).build(),
                env.get("RINGMASTER_SCHEDULER_FUNCTION_ARN"), env.get("RINGMASTER_SCHEDULER_ROLE_ARN"), env.get("RINGMASTER_SCHEDULER_GROUP"));
        Clock clock = Clock.systemUTC();
        RecordedSignals recorded = new RecordedSignals(store);
        LiveSources sources = LiveSources.from(key -> setting(env, key), env, clock)
                .with(dev.ringmaster.core.plan.MetricSource.REPORT.key, recorded)
                .with(dev.ringmaster.core.plan.MetricSource.WEBHOOK.key, recorded);
        Targets targets = new Targets(LiveTargets.from(key -> setting(env, key), env).targets());
        return new EvaluateGates(store, sources, bus, scheduler, clock, new PlanCache(), new TargetCheck(store, targets, bus, clock));
    }

    /** A setting by its dotted name, from the environment variable Quarkus would read it from. */
    private static Optional<String> setting(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")));
    }

    private static String error(ObjectMapper json, Exception e) throws Exception {
        return json.writeValueAsString(Map.of("errorMessage", String.valueOf(e.getMessage()), "errorType", e.getClass().getName()));
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
