package dev.ringmaster.functions.ingestwebhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The Lambda function URL event (payload format 2.0) as far as a webhook needs it: the path names the kind, the query
 * may name the rollout, the headers carry the signature or token, the body is the exact bytes that were signed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionUrlRequest(String version, String rawPath, String rawQueryString, Map<String, String> headers,
                                 Map<String, String> queryStringParameters, RequestContext requestContext, String body,
                                 @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, Http http) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path, String sourceIp) {
    }

    String method() {
        return requestContext == null || requestContext.http() == null || requestContext.http().method() == null ? "POST"
                : requestContext.http().method();
    }

    String path() {
        return rawPath != null ? rawPath : requestContext != null && requestContext.http() != null ? requestContext.http().path() : null;
    }
}
