package dev.ringmaster.adapters.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * CloudWatch's wire format as the SDK 2.57 client speaks it: Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/GetMetricData}, {@code smithy-protocol: rpc-v2-cbor}). Timestamps
 * are CBOR tag 1 (epoch seconds); errors carry {@code __type} and, CloudWatch being awsQuery-compatible, the query
 * error code in {@code x-amzn-query-error}.
 */
final class CloudWatchCbor {
    static final String PATH = "/service/GraniteServiceVersion20100801/operation/GetMetricData";
    private static final CBORFactory CBOR = new CBORFactory();
    private static final ObjectMapper READER = new ObjectMapper(CBOR);

    private CloudWatchCbor() {
    }

    /** One MetricDataResult: {@code values[i]} at period start {@code timestamps[i]}. */
    record Result(String id, String status, List<Instant> timestamps, List<Double> values, List<String[]> messages) {
        static Result complete(String id, List<Instant> timestamps, List<Double> values) {
            return new Result(id, "Complete", timestamps, values, List.of());
        }
    }

    static ResponseDefinitionBuilder page(String nextToken, Result... results) {
        return cbor(200, null, body(g -> {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            for (Result r : results) {
                g.writeStartObject();
                g.writeStringField("Id", r.id());
                g.writeStringField("Label", r.id());
                g.writeFieldName("Timestamps");
                g.writeStartArray();
                for (Instant t : r.timestamps()) {
                    g.writeTag(1);
                    g.writeNumber(t.getEpochSecond());
                }
                g.writeEndArray();
                g.writeFieldName("Values");
                g.writeStartArray();
                for (double v : r.values()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", r.status());
                if (!r.messages().isEmpty()) {
                    g.writeFieldName("Messages");
                    g.writeStartArray();
                    for (String[] m : r.messages()) {
                        g.writeStartObject();
                        g.writeStringField("Code", m[0]);
                        g.writeStringField("Value", m[1]);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            if (nextToken != null) {
                g.writeStringField("NextToken", nextToken);
            }
            g.writeEndObject();
        }));
    }

    /** An error as CloudWatch sends it: HTTP status, {@code x-amzn-query-error: Code;Sender}, CBOR {@code {__type, message}}. */
    static ResponseDefinitionBuilder error(int status, String queryCode, String type, String message) {
        return cbor(status, queryCode + ";Sender", body(g -> {
            g.writeStartObject();
            g.writeStringField("__type", type);
            g.writeStringField("message", message);
            g.writeEndObject();
        }));
    }

    /** A request body the client sent, for assertions (timestamps read as numbers). */
    static JsonNode read(byte[] body) {
        try {
            return READER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinitionBuilder cbor(int status, String queryError, byte[] body) {
        ResponseDefinitionBuilder r = WireMock.aResponse().withStatus(status)
                .withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(body);
        return queryError == null ? r : r.withHeader("x-amzn-query-error", queryError);
    }

    private interface Writer {
        void write(CBORGenerator g) throws IOException;
    }

    private static byte[] body(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
