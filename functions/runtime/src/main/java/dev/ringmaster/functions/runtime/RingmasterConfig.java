package dev.ringmaster.functions.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Every {@code ringmaster.*} key the functions read (docs/functions.md lists them). */
@ConfigMapping(prefix = "ringmaster")
public interface RingmasterConfig {

    /** DynamoDB table of rollouts, history, intents and idempotency keys. */
    @WithDefault("ringmaster")
    String table();

    /** How often a rollout's schedule ticks evaluate-gates. */
    @WithDefault("5m")
    Duration tick();

    /**
     * The function's timeout (the CDK stack sets it with the Lambda's): a step's claim on an action lasts this
     * long from the invocation's start, so the claim of a step that died is taken over once it could no longer run.
     */
    @WithDefault("60s")
    Duration invocationTimeout();

    Aws aws();

    Events events();

    Scheduler scheduler();

    /** The real target adapters' settings (docs/targets.md); credentials are references, never values. */
    GooglePlay googlePlay();

    AppStoreConnect appStoreConnect();

    Registry registry();

    Appconfig appconfig();

    /** ingest-webhook's settings (docs/webhooks.md), read by adapters.live.LiveIngress. */
    Webhook webhook();

    Google google();

    interface Webhook {
        /** By kind (appstore, alertmanager, canary-diff, generic): a reference to its HMAC secret or bearer token. */
        Map<String, String> secret();

        Crashlytics crashlytics();

        interface Crashlytics {
            /** The Pub/Sub push token's exact audience; unset: Crashlytics webhooks are refused. */
            Optional<String> audience();

            /** The push subscription's service account, the token's email. */
            Optional<String> email();
        }
    }

    interface Google {
        /** Google's token-signing keys; https://www.googleapis.com/oauth2/v3/certs when unset. */
        Optional<String> jwksUrl();
    }

    interface Aws {
        /** Region of the bus, the schedules and every other AWS client; the Lambda's AWS_REGION when unset. */
        Optional<String> region();

        /** One endpoint for every AWS SDK client (RINGMASTER_AWS_ENDPOINT): LocalStack, a VPC endpoint. */
        Optional<String> endpoint();
    }

    interface GooglePlay {
        /** Reference to a service-account key (JSON); GOOGLE_APPLICATION_CREDENTIALS when unset; neither: no google-play target. */
        Optional<String> credentials();

        /** Replaces https://androidpublisher.googleapis.com (RINGMASTER_GOOGLE_PLAY_ENDPOINT). */
        Optional<String> endpoint();
    }

    interface AppStoreConnect {
        /** The API key's id; unset: no app-store, testflight or app-review target. */
        Optional<String> keyId();

        Optional<String> issuerId();

        /** Reference to the key's .p8. */
        Optional<String> privateKey();

        /** Replaces https://api.appstoreconnect.apple.com (RINGMASTER_APP_STORE_CONNECT_ENDPOINT). */
        Optional<String> endpoint();
    }

    interface Registry {
        /** Reference to a Docker config.json-shaped document of registry logins; unset: anonymous. */
        Optional<String> auths();
    }

    interface Appconfig {
        /** The deployment strategy flag changes are deployed with; AppConfig.AllAtOnce when unset. */
        Optional<String> strategy();
    }

    interface Events {
        @WithDefault("ringmaster")
        String bus();

        /** Overrides https://events.REGION.amazonaws.com (tests, VPC endpoints); else RINGMASTER_AWS_ENDPOINT. */
        Optional<String> endpoint();
    }

    interface Scheduler {
        /** ARN of evaluate-gates, which each rollout's schedule invokes; needed by operate (start). */
        Optional<String> functionArn();

        /** Role EventBridge Scheduler assumes to invoke evaluate-gates. */
        Optional<String> roleArn();

        /** Schedule group; the default group when unset. */
        Optional<String> group();

        /** Overrides https://scheduler.REGION.amazonaws.com; else RINGMASTER_AWS_ENDPOINT. */
        Optional<String> endpoint();

        /** The on-call SNS topic each schedule's no-tick alarm notifies; unset: schedules get no alarm. */
        Optional<String> alarmTopicArn();
    }
}
