package dev.ringmaster.adapters.dynamodb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A DynamoDB client whose transactions are cancelled with scripted reason codes, one list per call, then
 * succeed: for cancellations an emulator will not produce on demand (DynamoDB Local serializes requests;
 * fifty racing saves drew no TransactionConflict from it). Records every request.
 */
final class ScriptedTransactions implements DynamoDbClient {
    final List<TransactWriteItemsRequest> requests = new ArrayList<>();
    private final Deque<List<String>> cancellations = new ArrayDeque<>();

    /** The next call is cancelled with these reason codes, one per item, in item order. */
    ScriptedTransactions cancel(String... codes) {
        cancellations.add(Arrays.asList(codes));
        return this;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        requests.add(request);
        List<String> codes = cancellations.poll();
        if (codes == null) {
            return TransactWriteItemsResponse.builder().build();
        }
        throw TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons " + codes)
                .cancellationReasons(codes.stream().map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
