package dev.ringmaster.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;

/**
 * The permissions of the plans' AWS targets, sources and channels ({@link PlanResources}), each on the resources
 * named and only for the functions whose step calls it: advance-phase and pause-store-rollout write flag documents
 * and ring tags, evaluate-gates reads them (each tick checks the target still holds the phase) and reads CloudWatch
 * metrics, notify-channel sends email. Actions are the ones the adapters call (functions/adapters: flags, registry,
 * cloudwatch, email).
 */
final class Grants {
    private static final List<String> WRITERS = List.of("advance-phase", "pause-store-rollout");
    private static final List<String> READERS = List.of("evaluate-gates");
    private static final List<String> APPCONFIG_READ = List.of("appconfig:GetConfigurationProfile", "appconfig:ListDeployments",
            "appconfig:ListHostedConfigurationVersions", "appconfig:GetHostedConfigurationVersion");
    private static final List<String> ECR_READ = List.of("ecr:BatchGetImage", "ecr:DescribeImages");

    private final Stack stack;
    private final PlanResources plans;

    private Grants(Stack stack, PlanResources plans) {
        this.stack = stack;
        this.plans = plans;
    }

    static Grants of(Stack stack, PlanResources plans) {
        return new Grants(stack, plans);
    }

    void grant(Map<String, Function> functions) {
        flagBuckets(functions);
        appConfig(functions);
        ecr(functions);
        if (plans.cloudWatchMetrics()) {
            // GetMetricData has no resource-level permission (docs/sources.md): "*" is the only resource IAM accepts for it.
            allow(functions, READERS, List.of("cloudwatch:GetMetricData"), List.of("*"));
        }
        if (!plans.sesIdentities().isEmpty()) {
            allow(functions, List.of("notify-channel"), List.of("ses:SendEmail"), plans.sesIdentities().stream()
                    .map(id -> arn("ses", "identity", id, ArnFormat.SLASH_RESOURCE_NAME)).toList());
        }
    }

    /**
     * S3 answers a missing key with 403 instead of 404 to a role without s3:ListBucket, so the first write of a
     * document (If-None-Match) needs ListBucket on the bucket as well as the object actions on its objects.
     */
    private void flagBuckets(Map<String, Function> functions) {
        if (plans.flagBuckets().isEmpty()) {
            return;
        }
        List<String> buckets = plans.flagBuckets().stream().map(b -> "arn:" + stack.getPartition() + ":s3:::" + b).toList();
        List<String> objects = buckets.stream().map(b -> b + "/*").toList();
        allow(functions, WRITERS, List.of("s3:GetObject", "s3:PutObject"), objects);
        allow(functions, READERS, List.of("s3:GetObject"), objects);
        allow(functions, concat(WRITERS, READERS), List.of("s3:ListBucket"), buckets);
    }

    /** The application and everything in it (environments, profiles, versions, deployments), and the strategies to deploy with. */
    private void appConfig(Map<String, Function> functions) {
        if (plans.appConfigApplications().isEmpty()) {
            return;
        }
        List<String> apps = new ArrayList<>();
        for (String app : plans.appConfigApplications()) {
            apps.add(arn("appconfig", "application", app, ArnFormat.SLASH_RESOURCE_NAME));
            apps.add(arn("appconfig", "application", app + "/*", ArnFormat.SLASH_RESOURCE_NAME));
        }
        allow(functions, WRITERS, concat(APPCONFIG_READ, List.of("appconfig:CreateHostedConfigurationVersion", "appconfig:StartDeployment")), apps);
        allow(functions, READERS, APPCONFIG_READ, apps);
        allow(functions, WRITERS, List.of("appconfig:StartDeployment"),
                List.of(arn("appconfig", "deploymentstrategy", "*", ArnFormat.SLASH_RESOURCE_NAME)));
    }

    private void ecr(Map<String, Function> functions) {
        if (plans.ecrRepositories().isEmpty()) {
            return;
        }
        List<String> repositories = plans.ecrRepositories().stream()
                .map(r -> r.startsWith("arn:") ? r : arn("ecr", "repository", r, ArnFormat.SLASH_RESOURCE_NAME)).toList();
        allow(functions, WRITERS, concat(ECR_READ, List.of("ecr:PutImage")), repositories);
        allow(functions, READERS, ECR_READ, repositories);
    }

    private String arn(String service, String resource, String name, ArnFormat format) {
        return stack.formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name).arnFormat(format).build());
    }

    private static void allow(Map<String, Function> functions, List<String> names, List<String> actions, List<String> resources) {
        for (String name : names) {
            functions.get(name).addToRolePolicy(PolicyStatement.Builder.create().actions(actions).resources(resources).build());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
