package dev.ringmaster.functions.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * The AWS a function test runs against, all on loopback: DynamoDB Local in-process (the adapters' DynamoDbLocal helper) with the ringmaster table,
 * and a WireMock answering EventBridge PutEvents and Scheduler Create/DeleteSchedule like the services do, so
 * tests can read what the function put on the bus.
 */
public class LocalAws implements QuarkusTestResourceLifecycleManager {
    public static final String TABLE = "ringmaster-test";
    static final String KEY = "local";
    static final String SECRET = "local";
    private static volatile WireMockServer aws;

    @Override
    public Map<String, String> start() {
        // The adapters' shared DynamoDB Local (one per JVM). It keeps one database per access key and region,
        // so the function's client is given the helper's: "local" in us-east-1.
        DynamoDbClient client = DynamoDbLocal.client();
        String endpoint = client.serviceClientConfiguration().endpointOverride().orElseThrow().toString();
        try {
            DynamoDbRolloutStore.createTable(client, TABLE);
        } catch (ResourceInUseException e) {
            // Another test class of this JVM created it: rollout ids are unique per test.
        }
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        aws.stubFor(post("/").willReturn(aResponse().withStatus(200)
                .withBody("{\"Entries\":[{\"EventId\":\"6f4b3c2a-0000-4000-8000-000000000001\"}],\"FailedEntryCount\":0}")));
        aws.stubFor(any(urlPathMatching("/schedules/.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/x\"}")));
        // The functions sign EventBridge and Scheduler calls with the default credentials chain, which reads these.
        System.setProperty("aws.accessKeyId", KEY);
        System.setProperty("aws.secretAccessKey", SECRET);
        String local = "http://127.0.0.1:" + aws.port();
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", endpoint),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", KEY),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", SECRET),
                Map.entry("ringmaster.table", TABLE),
                Map.entry("ringmaster.aws.region", "us-east-1"),
                Map.entry("ringmaster.events.endpoint", local),
                Map.entry("ringmaster.scheduler.endpoint", local),
                Map.entry("ringmaster.scheduler.function-arn", "arn:aws:lambda:us-east-1:123456789012:function:ringmaster-evaluate-gates"),
                Map.entry("ringmaster.scheduler.role-arn", "arn:aws:iam::123456789012:role/ringmaster-scheduler"));
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.stop();
        }
        // DynamoDB Local is the JVM's, shared with other test classes: it stops when the JVM exits.
    }

    /** The WireMock standing in for EventBridge and Scheduler. */
    public static WireMockServer aws() {
        return aws;
    }

    /** A client of the same DynamoDB Local (and database) the function uses. */
    public static DynamoDbClient dynamoDb() {
        return DynamoDbLocal.client();
    }
}
