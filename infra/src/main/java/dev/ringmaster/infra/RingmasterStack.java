package dev.ringmaster.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything ringmaster runs on (docs/functions.md, docs/state.md): the table, the {@code ringmaster} bus and the
 * rules that chain the functions, the six functions, the schedule group and the role Scheduler assumes, a
 * dead-letter queue per rule target, the function URLs, the on-call alarms, the webhook secrets, and for each
 * function only the permissions its code uses.
 */
public final class RingmasterStack extends Stack {
    static final String NAME = "ringmaster";
    static final List<String> FUNCTIONS = List.of("evaluate-gates", "advance-phase", "pause-store-rollout", "notify-channel",
            "operate", "ingest-webhook");
    /** The webhook kinds proven by a shared secret (Crashlytics proves itself with Google's OIDC token). */
    static final List<String> WEBHOOK_SECRETS = List.of("appstore", "alertmanager", "canary-diff", "generic");
    /** Every step's timeout: a claim lasts this long (docs/functions.md, ringmaster.invocation-timeout). */
    static final Duration TIMEOUT = Duration.seconds(60);
    /** The functions' own metrics (adapters.aws.EmbeddedMetric). */
    static final String METRICS = "Ringmaster";

    private final Map<String, Function> functions = new LinkedHashMap<>();

    public RingmasterStack(Construct scope, String id, Runtimes runtime, Path root, PlanResources plans) {
        super(scope, id);
        Table table = Table.Builder.create(this, "Table").tableName(NAME)
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute("expiresAt")
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        EventBus bus = EventBus.Builder.create(this, "Bus").eventBusName(NAME).build();
        CfnScheduleGroup group = CfnScheduleGroup.Builder.create(this, "Schedules").name(NAME).build();
        Topic onCall = Topic.Builder.create(this, "OnCall").topicName(NAME + "-on-call").build();
        Role scheduler = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("Assumed by the rollouts' schedules to invoke evaluate-gates")
                .build();

        Map<String, String> env = new LinkedHashMap<>();
        env.put("RINGMASTER_TABLE", table.getTableName());
        env.put("RINGMASTER_EVENTS_BUS", bus.getEventBusName());
        env.put("RINGMASTER_SCHEDULER_GROUP", NAME);
        env.put("RINGMASTER_SCHEDULER_ROLE_ARN", scheduler.getRoleArn());
        // Built by hand, not from the function: evaluate-gates' own environment names it.
        env.put("RINGMASTER_SCHEDULER_FUNCTION_ARN", formatArn(ArnComponents.builder().service("lambda").resource("function")
                .resourceName(NAME + "-evaluate-gates").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()));
        env.put("RINGMASTER_INVOCATION_TIMEOUT", TIMEOUT.toSeconds() + "s");
        for (String kind : WEBHOOK_SECRETS) {
            String variable = "RINGMASTER_WEBHOOK_SECRET_" + kind.toUpperCase(Locale.ROOT).replace('-', '_');
            if (plans.webhookSecretsInSsm()) {
                // CloudFormation cannot create a SecureString: you put it (docs/deploy.md); every function may read /ringmaster/.
                env.put(variable, "ssm:/" + NAME + "/webhook/" + kind);
                continue;
            }
            Secret secret = Secret.Builder.create(this, "Webhook-" + kind).secretName(NAME + "/webhook/" + kind)
                    .description("The " + kind + " webhook's shared secret (docs/webhooks.md)").build();
            env.put(variable, "secretsmanager:" + secret.getSecretArn());
        }

        for (String name : FUNCTIONS) {
            Path zip = root.resolve("functions").resolve(name).resolve("target/function.zip");
            if (!Files.isRegularFile(zip)) {
                throw new IllegalArgumentException(zip + " is missing: build the functions first (mvn package"
                        + (runtime == Runtimes.NATIVE ? " -Pnative" : "") + ")");
            }
            Function fn = Function.Builder.create(this, name).functionName(NAME + "-" + name)
                    .role(role(name)).logGroup(LogGroup.Builder.create(this, name + "-logs")
                            .logGroupName("/aws/lambda/" + NAME + "-" + name).retention(RetentionDays.ONE_MONTH)
                            .removalPolicy(RemovalPolicy.DESTROY).build())
                    .runtime(runtime.runtime).handler(runtime.handler).memorySize(runtime.memoryMb).timeout(TIMEOUT)
                    .code(Code.fromAsset(zip.toString())).environment(env)
                    .description("ringmaster " + name + " (docs/functions.md)")
                    .build();
            table.grantReadWriteData(fn);
            readsCredentials(fn);
            functions.put(name, fn);
            onCall(Alarm.Builder.create(this, name + "-errors").alarmName(NAME + "-" + name + "-errors")
                    .alarmDescription(name + " failed an invocation (docs/deploy.md)")
                    .metric(fn.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build())), onCall);
        }
        // pause-store-rollout prints one ProtectiveActionFailed line (CloudWatch Embedded Metric Format) per halt,
        // rollback or kill that failed or was refused: a refusal does not fail the invocation, so Errors misses it.
        onCall(Alarm.Builder.create(this, "protective-action-failed").alarmName(NAME + "-protective-action-failed")
                .alarmDescription("A halt, rollback or kill failed or was refused: a protective action did not take (docs/deploy.md)")
                .metric(Metric.Builder.create().namespace(METRICS).metricName("ProtectiveActionFailed").statistic("Sum")
                        .period(Duration.minutes(5)).build()), onCall);
        Grants.of(this, plans).grant(functions);
        // Every function that builds the target adapters: operate checks at start that the plan's targets are configured.
        for (String name : List.of("evaluate-gates", "advance-phase", "pause-store-rollout", "operate")) {
            plans.targetSettings().forEach(functions.get(name)::addEnvironment);
        }
        if (plans.crashlyticsAudience() != null) {
            // Without them ingest-webhook refuses Crashlytics pushes (docs/webhooks.md).
            functions.get("ingest-webhook").addEnvironment("RINGMASTER_WEBHOOK_CRASHLYTICS_AUDIENCE", plans.crashlyticsAudience());
            functions.get("ingest-webhook").addEnvironment("RINGMASTER_WEBHOOK_CRASHLYTICS_EMAIL", plans.crashlyticsEmail());
        }
        if (plans.noTickAlarm()) {
            noTickAlarms(onCall);
        } else {
            // No alarm to count for: a Ticks line would still make a metric CloudWatch bills by the hour.
            functions.get("evaluate-gates").addEnvironment("RINGMASTER_TICK_METRIC", "false");
        }
        for (String name : List.of("evaluate-gates", "operate", "ingest-webhook")) {
            bus.grantPutEventsTo(functions.get(name));
        }
        functions.get("evaluate-gates").grantInvoke(scheduler);
        // operate start creates a rollout's schedule (or updates the one a retried start made); its last tick deletes it.
        manageSchedules(functions.get("operate"), scheduler, List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule"));
        manageSchedules(functions.get("evaluate-gates"), scheduler, List.of("scheduler:DeleteSchedule"));
        route(bus, onCall, "advance", List.of("ENTER_PHASE", "RESUME", "COMPLETE"), "advance-phase");
        route(bus, onCall, "stop", List.of("HALT", "ROLLBACK", "KILL", "KILL_COHORT"), "pause-store-rollout");
        route(bus, onCall, "notify", null, "notify-channel");

        FunctionUrl webhooks = functions.get("ingest-webhook").addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build());
        FunctionUrl operate = functions.get("operate").addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.AWS_IAM).build());
        CfnOutput.Builder.create(this, "WebhookUrl").value(webhooks.getUrl())
                .description("POST /webhooks/{appstore,crashlytics,alertmanager,canary-diff,generic}").build();
        CfnOutput.Builder.create(this, "OperateUrl").value(operate.getUrl()).description("on-call commands, IAM-signed").build();
        CfnOutput.Builder.create(this, "ScheduleGroup").value(group.getName()).build();
        CfnOutput.Builder.create(this, "OnCallTopic").value(onCall.getTopicArn()).build();
    }

    Function function(String name) {
        return functions.get(name);
    }

    /**
     * The function's own role, without AWSLambdaBasicExecutionRole (logs on every resource): it may write only to
     * its own log group, which the stack creates.
     */
    private Role role(String name) {
        Role role = Role.Builder.create(this, name + "-role").assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("ringmaster " + name).build();
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(formatArn(ArnComponents.builder().service("logs").resource("log-group")
                        .resourceName("/aws/lambda/" + NAME + "-" + name + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))
                .build());
        return role;
    }

    /** Rule → function, with the target's own dead-letter queue and an alarm on it. */
    private void route(EventBus bus, Topic onCall, String id, List<String> actions, String function) {
        Queue dlq = Queue.Builder.create(this, id + "-dlq").queueName(NAME + "-" + id + "-dlq")
                .retentionPeriod(Duration.days(14)).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).build();
        Map<String, Object> detail = actions == null ? null : Map.of("action", actions);
        Rule.Builder.create(this, id).ruleName(NAME + "-" + id).eventBus(bus)
                .eventPattern(EventPattern.builder().source(List.of(NAME)).detailType(List.of("RolloutEvent")).detail(detail).build())
                .targets(List.of(new LambdaFunction(functions.get(function), LambdaFunctionProps.builder()
                        .deadLetterQueue(dlq).retryAttempts(4).maxEventAge(Duration.hours(2)).build())))
                .build();
        onCall(Alarm.Builder.create(this, id + "-dlq-depth").alarmName(NAME + "-" + id + "-dlq-depth")
                .alarmDescription("Events for " + function + " that EventBridge could not deliver (docs/deploy.md)")
                .metric(dlq.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().period(Duration.minutes(5)).build())), onCall);
    }

    /** At least one in 5 minutes pages on-call; no data is no trouble. */
    private static void onCall(Alarm.Builder alarm, Topic onCall) {
        alarm.threshold(1).evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build()
                .addAlarmAction(new SnsAction(onCall));
    }

    /**
     * Each rollout's alarm "no tick for two intervals" ({@code ringmaster-no-tick-<rolloutId>}) exists only while its
     * schedule does: operate creates it with the schedule, evaluate-gates deletes it with the schedule. Neither needs
     * a permission on the topic: CloudWatch publishes to a topic of the same account under the topic's default policy.
     */
    private void noTickAlarms(Topic onCall) {
        String alarms = formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
                .resourceName(NAME + "-no-tick-*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        for (String name : List.of("evaluate-gates", "operate")) {
            functions.get(name).addEnvironment("RINGMASTER_SCHEDULER_ALARM_TOPIC_ARN", onCall.getTopicArn());
        }
        functions.get("operate").addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("cloudwatch:PutMetricAlarm"))
                .resources(List.of(alarms)).build());
        functions.get("evaluate-gates").addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("cloudwatch:DeleteAlarms"))
                .resources(List.of(alarms)).build());
    }

    /** The rollouts' schedules in ringmaster's group only, handed only the scheduler role. */
    private void manageSchedules(Function fn, Role scheduler, List<String> actions) {
        fn.addToRolePolicy(PolicyStatement.Builder.create().actions(actions)
                .resources(List.of(formatArn(ArnComponents.builder().service("scheduler").resource("schedule")
                        .resourceName(NAME + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        fn.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("iam:PassRole"))
                .resources(List.of(scheduler.getRoleArn())).build());
    }

    /** Credentials are references (docs/plan.md): parameters under /ringmaster/, secrets under ringmaster/. */
    private void readsCredentials(Function fn) {
        fn.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("ssm:GetParameter"))
                .resources(List.of(formatArn(ArnComponents.builder().service("ssm").resource("parameter")
                        .resourceName(NAME + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        fn.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
                        .resourceName(NAME + "/*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))
                .build());
    }
}
