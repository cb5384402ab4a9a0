package dev.ringmaster.functions.runtime;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.aws.EventBridgePublisher;
import dev.ringmaster.adapters.aws.EventBridgeTickScheduler;
import dev.ringmaster.adapters.aws.NoTickAlarm;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.adapters.live.LiveNotifiers;
import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.adapters.notify.Notifiers;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.Ingest;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.TargetCheck;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Builds each port from configuration, and each step with only the ports it uses: beans are made on first use,
 * so the notify-channel function never builds a target adapter. One instance of each per Lambda container.
 * This build has adapters for DynamoDB, EventBridge, EventBridge Scheduler, the target types its settings
 * configure ({@link LiveTargets}), both flag providers, the metric sources of {@link LiveSources} and the channels
 * of {@link LiveNotifiers}; a plan naming anything else is refused at start (see {@link #capabilities}).
 */
@Singleton
public class Producers {

    /** What this deployment can carry out: operate refuses to start a plan that names anything else. */
    @Produces
    @Singleton
    Capabilities capabilities(Targets targets, LiveSources sources, Notifiers channels) {
        return new Capabilities(targets.types(), sources.registered(), channels.channels(), Set.copyOf(FlagStore.PROVIDERS));
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RolloutStore store(DynamoDbClient dynamoDb, RingmasterConfig config) {
        return new DynamoDbRolloutStore(dynamoDb, config.table());
    }

    @Produces
    @Singleton
    LiveSources metricSources(Clock clock, LiveTargets live, RolloutStore store) {
        // report and webhook metrics were pushed, not polled: read back from the rollout's history.
        RecordedSignals recorded = new RecordedSignals(store);
        LiveSources sources = LiveSources.from(Producers::setting, System.getenv(), clock)
                .with(dev.ringmaster.core.plan.MetricSource.REPORT.key, recorded)
                .with(dev.ringmaster.core.plan.MetricSource.WEBHOOK.key, recorded);
        // App Review's verdict is read from the App Review target, when App Store Connect is configured.
        return live.targets().get(TargetType.APP_REVIEW) instanceof MetricSource review
                ? sources.with(dev.ringmaster.core.plan.MetricSource.APP_REVIEW.key, review) : sources;
    }

    /** Settings by dotted name, as Quarkus reads them (RINGMASTER_PROMETHEUS_URL sets ringmaster.prometheus.url). */
    private static Optional<String> setting(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class);
    }

    /** The real target adapters this deployment's settings configure (docs/targets.md), built on first use. */
    @Produces
    @Singleton
    LiveTargets live(RingmasterConfig c) {
        Map<String, Optional<String>> settings = Map.of(
                LiveTargets.PLAY_CREDENTIALS, c.googlePlay().credentials(), LiveTargets.PLAY_ENDPOINT, c.googlePlay().endpoint(),
                LiveTargets.ASC_KEY_ID, c.appStoreConnect().keyId(), LiveTargets.ASC_ISSUER_ID, c.appStoreConnect().issuerId(),
                LiveTargets.ASC_PRIVATE_KEY, c.appStoreConnect().privateKey(), LiveTargets.ASC_ENDPOINT, c.appStoreConnect().endpoint(),
                LiveTargets.REGISTRY_AUTHS, c.registry().auths(), LiveTargets.AWS_REGION, c.aws().region(),
                LiveTargets.AWS_ENDPOINT, c.aws().endpoint(), LiveTargets.APPCONFIG_STRATEGY, c.appconfig().strategy());
        return LiveTargets.from(key -> settings.getOrDefault(key, Optional.empty()), System.getenv());
    }

    @Produces
    @Singleton
    Targets targets(LiveTargets live) {
        return new Targets(live.targets());
    }

    @Produces
    @Singleton
    FlagWriter flags(LiveTargets live) {
        return live.flags();
    }

    /** Slack, Teams, signed webhooks, Statuspage and email (docs/notify-channels.md); a message is built on first use. */
    @Produces
    @Singleton
    Notifiers notifier(Clock clock) {
        return LiveNotifiers.from(Producers::setting, System.getenv(), clock);
    }

    @Produces
    @Singleton
    EventPublisher bus(RingmasterConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return new EventBridgePublisher(aws(EventBridgeClient.builder(), config, config.events().endpoint(), http, credentials).build(),
                config.events().bus());
    }

    @Produces
    @Singleton
    TickScheduler scheduler(RingmasterConfig config, SdkHttpClient http, AwsCredentialsProvider credentials, Clock clock) {
        RingmasterConfig.Scheduler s = config.scheduler();
        if (s.functionArn().isEmpty() || s.roleArn().isEmpty()) {
            // advance-phase, pause-store-rollout and notify-channel never schedule: they need no ARNs. A
            // function that does gets the missing key named instead of a schedule that invokes nothing.
            return new UnconfiguredScheduler();
        }
        // Each schedule's alarm reports to on-call through the function's log (stdout: its tick-0 metric; stderr: a failure).
        NoTickAlarm alarm = s.alarmTopicArn().filter(t -> !t.isBlank()).map(topic -> new NoTickAlarm(
                aws(CloudWatchClient.builder(), config, Optional.empty(), http, credentials).build(), topic, clock, System.out::println))
                .orElse(null);
        return new EventBridgeTickScheduler(aws(SchedulerClient.builder(), config, s.endpoint(), http, credentials).build(),
                s.functionArn().get(), s.roleArn().get(), s.group().orElse(null), alarm, System.err::println);
    }

    @Produces
    @Singleton
    PlanCache plans() {
        return new PlanCache();
    }

    @Produces
    @Singleton
    EvaluateGates evaluateGates(RolloutStore store, LiveSources metrics, EventPublisher bus, TickScheduler scheduler, Clock clock,
                                PlanCache plans, Targets targets) {
        return new EvaluateGates(store, metrics, bus, scheduler, clock, plans, new TargetCheck(store, targets, bus, clock));
    }

    @Produces
    @Singleton
    AdvancePhase advancePhase(RolloutStore store, Targets targets, FlagWriter flags, Clock clock, PlanCache plans) {
        return new AdvancePhase(store, targets, flags, clock, plans);
    }

    @Produces
    @Singleton
    PauseStoreRollout pauseStoreRollout(RolloutStore store, Targets targets, FlagWriter flags, Clock clock, PlanCache plans) {
        return new PauseStoreRollout(store, targets, flags, clock, plans);
    }

    @Produces
    @Singleton
    NotifyChannel notifyChannel(RolloutStore store, Notifier notifier, Clock clock, PlanCache plans) {
        return new NotifyChannel(store, notifier, clock, plans);
    }

    @Produces
    @Singleton
    Operate operate(RolloutStore store, EventPublisher bus, TickScheduler scheduler, Clock clock, PlanCache plans,
                    Capabilities capabilities, RingmasterConfig config) {
        return new Operate(store, bus, scheduler, clock, plans, capabilities, config.tick());
    }

    @Produces
    @Singleton
    Ingest ingest(RolloutStore store, EventPublisher bus, Clock clock, PlanCache plans) {
        return new Ingest(store, bus, clock, plans, Ingest.KEEP);
    }

    @Produces
    @Singleton
    SdkHttpClient http() {
        return AwsClients.http();
    }

    void close(@Disposes SdkHttpClient http) {
        http.close();
    }

    @Produces
    @Singleton
    AwsCredentialsProvider credentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    /** An SDK client in the function's region, at the service's endpoint setting, else ringmaster.aws.endpoint (RINGMASTER_AWS_ENDPOINT). */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(B builder, RingmasterConfig config,
            Optional<String> endpoint, SdkHttpClient http, AwsCredentialsProvider credentials) {
        Map<String, String> env = System.getenv();
        return AwsClients.configure(builder, AwsClients.region(config.aws().region(), env),
                AwsClients.endpoint(endpoint.or(() -> config.aws().endpoint()), env), http,
                credentials);
    }
}
