package dev.ringmaster.functions.ingestwebhook;

import java.util.Map;

/** What a function URL turns into the HTTP answer (payload format 2.0): status, headers and the JSON body. */
public record FunctionUrlResponse(int statusCode, Map<String, String> headers, String body) {

    static FunctionUrlResponse json(int status, String body) {
        return new FunctionUrlResponse(status, Map.of("content-type", "application/json"), body);
    }
}
