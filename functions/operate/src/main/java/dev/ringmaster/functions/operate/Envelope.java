package dev.ringmaster.functions.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a command reaches operate, and who AWS says sent it. Three shapes: the command itself (the Lambda console's
 * Test, {@code aws lambda invoke}); an EventBridge event whose {@code detail} is the command (an alerting rule's
 * kill); a Lambda function URL request (payload 2.0) whose {@code body} is the command and whose
 * {@code requestContext.authorizer.iam} names the signed-in caller when the URL's auth type is AWS_IAM.
 *
 * <p>Funqy hands the function only the event, not the Lambda {@code Context} (its Cognito identity and client
 * context never reach a {@code @Funq} method), and a console Test carries no caller at all: a function URL's
 * IAM authorizer is the one identity AWS gives. Whoever may invoke the function directly can also write such an
 * envelope by hand, so it is as trustworthy as the function's invoke permission; CloudTrail keeps the real caller.
 *
 * @param command   the command object
 * @param aws       the caller AWS vouched for, or null
 * @param busSource the EventBridge event's {@code source}, or null
 */
record Envelope(JsonNode command, Caller aws, String busSource) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** IAM's limit for an ARN. */
    static final int ARN = 2048;

    static Envelope open(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEvent("the event is " + (event == null ? "empty" : EventFields.type(event))
                    + ", not a command object like {\"command\": \"status\", \"rolloutId\": \"android-2-1-0\"}");
        }
        EventFields top = new EventFields(event, "");
        if (event.has("requestContext") && !event.has("command")) {
            return functionUrl(event, top);
        }
        if (event.has("detail") && !event.has("command")) {
            JsonNode detail = top.object("detail").orElseThrow(() -> new InvalidEvent("detail: null, not the command object"));
            return new Envelope(detail, null, top.text("source", 256).filter(s -> !s.isBlank()).orElse(null));
        }
        return new Envelope(event, null, null);
    }

    private static Envelope functionUrl(JsonNode event, EventFields top) {
        JsonNode context = top.object("requestContext").orElseThrow(() -> new InvalidEvent("requestContext: null, not an object"));
        Caller caller = new EventFields(context, "requestContext").object("authorizer")
                .flatMap(a -> new EventFields(a, "requestContext.authorizer").object("iam")).flatMap(Envelope::iam).orElse(null);
        String body = top.text("body", 1_000_000)
                .orElseThrow(() -> new InvalidEvent("body: missing: POST the command as JSON to the function URL"));
        if (top.flag("isBase64Encoded")) {
            try {
                body = new String(Base64.getDecoder().decode(body.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidEvent("body: isBase64Encoded is true but the body is not base64: " + e.getMessage());
            }
        }
        JsonNode command;
        try {
            command = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEvent("body: not JSON (" + EventFields.shown(String.valueOf(e.getOriginalMessage())) + "): POST the command as JSON");
        }
        if (command == null || !command.isObject()) {
            throw new InvalidEvent("body: " + (command == null ? "empty" : EventFields.type(command)) + ", not a command object");
        }
        return new Envelope(command, caller, null);
    }

    /** A Cognito identity names the person; without one, the IAM user or role ARN that signed the request. */
    private static Optional<Caller> iam(JsonNode iam) {
        EventFields f = new EventFields(iam, "requestContext.authorizer.iam");
        Optional<String> cognito = f.object("cognitoIdentity")
                .flatMap(c -> new EventFields(c, "requestContext.authorizer.iam.cognitoIdentity").text("identityId", 256))
                .filter(s -> !s.isBlank());
        if (cognito.isPresent()) {
            return Optional.of(new Caller(cognito.get(), "operator from Cognito identity " + cognito.get()));
        }
        return f.text("userArn", ARN).filter(s -> !s.isBlank()).map(arn -> new Caller(arn, "operator from IAM " + arn));
    }
}
