package dev.ringmaster.functions.runtime;

import dev.ringmaster.adapters.aws.AwsJsonClient;
import dev.ringmaster.adapters.aws.EventBridgePublisher;
import dev.ringmaster.adapters.aws.EventBridgeTickScheduler;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.metrics.MetricSources;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.adapters.sim.RecordingNotifier;
import dev.ringmaster.adapters.sim.SimFlagStore;
import dev.ringmaster.adapters.sim.SimTargets;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.Ports;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the ports and the core's step services from configuration. One instance of each per Lambda
 * container: the plan cache and the HTTP client outlive single invocations.
 */
@Singleton
public class Producers {

    @Produces
    @Singleton
    @Startup
    Ports ports(RingmasterConfig config, DynamoDbClient dynamoDb, SdkHttpClient http, AwsCredentialsProvider credentials) {
        // Checked before anything else is built, so a misconfigured function fails its init, not its first event.
        TargetsMode.check(config.targets());
        Clock clock = Clock.systemUTC();
        SimFlagStore flags = new SimFlagStore(clock);
        return new Ports(new DynamoDbRolloutStore(dynamoDb, config.table()),
                new MetricSources(Map.of(StaticMetricSource.KEY, new StaticMetricSource())),
                SimTargets.all(clock, flags), flags, new RecordingNotifier(clock),
                new EventBridgePublisher(aws(config, http, credentials, "events", config.events().endpoint().orElse(null)),
                        config.events().bus()),
                scheduler(config, http, credentials), clock);
    }

    @Produces
    @Singleton
    PlanCache plans() {
        return new PlanCache();
    }

    @Produces
    @Singleton
    EvaluateGates evaluateGates(Ports ports, PlanCache plans) {
        return new EvaluateGates(ports, plans);
    }

    @Produces
    @Singleton
    AdvancePhase advancePhase(Ports ports, PlanCache plans) {
        return new AdvancePhase(ports, plans);
    }

    @Produces
    @Singleton
    PauseStoreRollout pauseStoreRollout(Ports ports, PlanCache plans) {
        return new PauseStoreRollout(ports, plans);
    }

    @Produces
    @Singleton
    NotifyChannel notifyChannel(Ports ports, PlanCache plans) {
        return new NotifyChannel(ports, plans);
    }

    @Produces
    @Singleton
    Operate operate(Ports ports, PlanCache plans, RingmasterConfig config) {
        return new Operate(ports, plans, config.tick());
    }

    @Produces
    @Singleton
    SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10)).build();
    }

    void close(@Disposes SdkHttpClient http) {
        http.close();
    }

    @Produces
    @Singleton
    AwsCredentialsProvider credentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    private static TickScheduler scheduler(RingmasterConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        RingmasterConfig.Scheduler s = config.scheduler();
        if (s.functionArn().isEmpty() || s.roleArn().isEmpty()) {
            // advance-phase, pause-store-rollout and notify-channel never schedule: they need no ARNs. A
            // function that does gets the missing key named instead of a schedule that invokes nothing.
            return new UnconfiguredScheduler();
        }
        return new EventBridgeTickScheduler(aws(config, http, credentials, "scheduler", s.endpoint().orElse(null)),
                s.functionArn().get(), s.roleArn().get(), s.group().orElse(null));
    }

    private static AwsJsonClient aws(RingmasterConfig config, SdkHttpClient http, AwsCredentialsProvider credentials, String service,
                                     String endpoint) {
        String region = config.aws().region().or(() -> java.util.Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElseThrow(() -> new IllegalStateException("no AWS region: set ringmaster.aws.region or AWS_REGION"));
        URI uri = endpoint == null || endpoint.isBlank() ? AwsJsonClient.regionalEndpoint(service, region) : URI.create(endpoint);
        return new AwsJsonClient(http, credentials, region, service, uri, AwsJsonClient.Retry.DEFAULT);
    }
}
