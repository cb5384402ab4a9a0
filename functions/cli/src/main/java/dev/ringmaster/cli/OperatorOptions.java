package dev.ringmaster.cli;

import dev.ringmaster.core.port.RolloutStore;
import java.time.Clock;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Where the local runner is, and who is asking: shared by every operator command. */
final class OperatorOptions {

    @Option(names = "--port", defaultValue = "8000", paramLabel = "P", description = "the local runner's DynamoDB Local port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", defaultValue = ".ringmaster/data", paramLabel = "DIR", description = "the local runner's data folder, for its clock (default ${DEFAULT-VALUE})")
    java.nio.file.Path data;

    @Option(names = "--operator", paramLabel = "NAME", description = "who gives the command (default: $USER)")
    String operator;

    @Option(names = "--reason", paramLabel = "R", description = "why: recorded in the history")
    String reason;

    String operator() {
        if (operator != null && !operator.isBlank()) {
            return operator;
        }
        String user = System.getenv("USER");
        return user == null || user.isBlank() ? "operator" : user;
    }

    /** The runner's store, or a clear refusal when no runner is listening. */
    RolloutStore store() {
        DynamoDbClient client = LocalDynamoDb.client(port);
        try {
            client.describeTable(b -> b.tableName(LocalRunner.TABLE));
        } catch (SdkClientException | ResourceNotFoundException e) {
            throw new NoRunner("no local runner on 127.0.0.1:" + port + ": start `./ringmaster run` first (" + e.getMessage() + ")");
        }
        return LocalRunner.store(client);
    }

    /** The runner's time (it may run faster than the wall clock). */
    Clock clock() {
        return ScaledClock.of(data);
    }

    static final class NoRunner extends RuntimeException {
        NoRunner(String message) {
            super(message);
        }
    }
}
