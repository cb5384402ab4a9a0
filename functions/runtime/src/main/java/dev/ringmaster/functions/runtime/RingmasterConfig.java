package dev.ringmaster.functions.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

    interface Aws {
        /** Region of the bus and the schedules; the Lambda's AWS_REGION when unset. */
        Optional<String> region();
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
    }
}
