package dev.ringmaster.bench.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what a DynamoDB client asks, by operation, and the capacity DynamoDB says each call consumed: every data
 * call is sent with ReturnConsumedCapacity=TOTAL, so the store adapter is measured without a hook of its own.
 * Capacity is what the answer reports (on-demand bills the same units as request units); time is from the call to
 * its answer, so a tick's own work is its time less the store's.
 */
public final class OperationCounter implements ExecutionInterceptor {
    static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    private final Map<String, Long> calls = new TreeMap<>();
    private double readUnits;
    private double writeUnits;
    private long unreported;
    private long nanos;
    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long> STARTED =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("bench.started");

    /** What was counted since the last {@link #reset}. */
    public record Counts(Map<String, Long> calls, long reads, long writes, double readUnits, double writeUnits, long unreported, long nanos) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        nanos += System.nanoTime() - attributes.getAttribute(STARTED);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof ScanRequest s) {
            return s.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactGetItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        nanos += System.nanoTime() - attributes.getAttribute(STARTED);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.merge(operation, 1L, Long::sum);
        List<ConsumedCapacity> consumed = consumed(context.response());
        if (consumed == null || consumed.isEmpty()) {
            if (READS.contains(operation) || WRITES.contains(operation)) {
                unreported++;
            }
            return;
        }
        double units = consumed.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
        if (READS.contains(operation)) {
            readUnits += units;
        } else if (WRITES.contains(operation)) {
            writeUnits += units;
        }
    }

    private static List<ConsumedCapacity> consumed(SdkResponse r) {
        if (r instanceof GetItemResponse g) {
            return one(g.consumedCapacity());
        } else if (r instanceof QueryResponse q) {
            return one(q.consumedCapacity());
        } else if (r instanceof ScanResponse s) {
            return one(s.consumedCapacity());
        } else if (r instanceof PutItemResponse p) {
            return one(p.consumedCapacity());
        } else if (r instanceof UpdateItemResponse u) {
            return one(u.consumedCapacity());
        } else if (r instanceof DeleteItemResponse d) {
            return one(d.consumedCapacity());
        } else if (r instanceof BatchGetItemResponse b) {
            return b.hasConsumedCapacity() ? b.consumedCapacity() : null;
        } else if (r instanceof BatchWriteItemResponse b) {
            return b.hasConsumedCapacity() ? b.consumedCapacity() : null;
        } else if (r instanceof TransactGetItemsResponse t) {
            return t.hasConsumedCapacity() ? t.consumedCapacity() : null;
        } else if (r instanceof TransactWriteItemsResponse t) {
            return t.hasConsumedCapacity() ? t.consumedCapacity() : null;
        }
        return null;
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? null : List.of(c);
    }

    public synchronized Counts counts() {
        long reads = calls.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        long writes = calls.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new Counts(Map.copyOf(calls), reads, writes, readUnits, writeUnits, unreported, nanos);
    }

    /** Time spent inside calls so far, in nanoseconds. */
    public synchronized long nanos() {
        return nanos;
    }

    public synchronized void reset() {
        calls.clear();
        readUnits = 0;
        writeUnits = 0;
        unreported = 0;
        nanos = 0;
    }
}
