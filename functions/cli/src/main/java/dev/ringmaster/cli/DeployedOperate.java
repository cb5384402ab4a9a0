package dev.ringmaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The deployed operate function, invoked with a command (events/operate-*.json) and read back (docs/functions.md). */
final class DeployedOperate {
    /** The function's timeout is 60 s by default: wait past it, so a slow answer is not retried as if lost. */
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployedOperate() {
    }

    static OperateAnswer invoke(AwsOptions aws, String function, ObjectNode event) {
        String what = "invoke the function " + function;
        try (SdkHttpClient http = AwsOptions.http(ANSWER); LambdaClient lambda = aws.configure(LambdaClient.builder(), http).build()) {
            InvokeResponse r = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event.toString())));
            JsonNode body = parse(r.payload().asUtf8String());
            if (r.functionError() != null) {
                String error = String.join(": ", Stream.of(body.path("errorType").asText(""), body.path("errorMessage").asText(""))
                        .filter(t -> !t.isBlank()).toList());
                throw new AwsOptions.Failure(function + " failed (" + r.functionError() + "): " + (error.isEmpty() ? abbreviate(body.toString()) : error)
                        + ". It may have stopped part-way: read its log (CloudWatch Logs group /aws/lambda/" + name(function)
                        + ") and check with `status --aws`.");
            }
            if (!body.path("accepted").isBoolean()) {
                throw new AwsOptions.Failure(function + " did not answer as operate does ({\"accepted\": …}): " + abbreviate(body.toString())
                        + ". Is --function (or RINGMASTER_OPERATE_FUNCTION) the operate function?");
            }
            return new OperateAnswer(body.path("accepted").asBoolean(), text(body, "message"), text(body, "reason"), text(body, "state"),
                    body.path("version").asLong(-1));
        } catch (SdkException e) {
            throw aws.explain(e, what, "Deploy it, or name the deployed one with --function or RINGMASTER_OPERATE_FUNCTION (and check --region).",
                    "lambda:InvokeFunction");
        }
    }

    /** The function's name, also when given as an ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]). */
    static String name(String function) {
        String[] parts = function.split(":");
        return function.startsWith("arn:") && parts.length >= 7 ? parts[6] : parts[0];
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(payload);
        }
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isNull() || body.path(field).isMissingNode() ? null : body.path(field).asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
