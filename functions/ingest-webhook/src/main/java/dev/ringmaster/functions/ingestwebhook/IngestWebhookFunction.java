package dev.ringmaster.functions.ingestwebhook;

import dev.ringmaster.adapters.ingest.WebhookIngress;
import dev.ringmaster.adapters.ingest.WebhookResponse;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Step function ingest-webhook, behind a Lambda function URL: {@code POST /webhooks/{kind}} from App Store Connect,
 * Crashlytics (Pub/Sub push), Alertmanager, the canary-diff pipeline and generic signed senders. The same
 * {@link WebhookIngress} serves {@code ringmaster run --listen} on a laptop.
 */
// Funqy registers its parameter and result types; the nested records of the function-URL event are named here for native.
@RegisterForReflection(targets = {FunctionUrlRequest.class, FunctionUrlRequest.RequestContext.class, FunctionUrlRequest.Http.class,
        FunctionUrlResponse.class})
public class IngestWebhookFunction {
    @Inject
    WebhookIngress ingress;

    @Funq("ingest-webhook")
    public FunctionUrlResponse ingest(FunctionUrlRequest event) {
        if (event == null) {
            return answer(new WebhookResponse(400, "not a function URL event: no request", List.of()));
        }
        byte[] body;
        try {
            body = event.body() == null ? new byte[0]
                    : event.isBase64Encoded() ? Base64.getDecoder().decode(event.body()) : event.body().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return answer(new WebhookResponse(400, "the body is marked base64 but is not base64", List.of()));
        }
        Map<String, String> query = event.queryStringParameters() == null ? Map.of() : event.queryStringParameters();
        return answer(ingress.handle(event.method(), event.path(), event.headers(), body, query));
    }

    private static FunctionUrlResponse answer(WebhookResponse r) {
        return FunctionUrlResponse.json(r.status(), r.json());
    }
}
