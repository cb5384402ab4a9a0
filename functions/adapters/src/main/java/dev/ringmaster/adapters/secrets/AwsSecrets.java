package dev.ringmaster.adapters.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.port.RolloutTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code ssm:/name} (a SecureString is decrypted) and {@code secretsmanager:name-or-arn}, whose JSON secret may be
 * addressed field by field as {@code secretsmanager:name#field}. A value is kept for five minutes, so a tick that
 * resolves the same reference for each call reads it once, and a rotated secret is picked up soon after.
 *
 * <p>A reference that does not resolve (no such parameter or secret, access denied, a missing field) is
 * {@link Secrets.Unresolved}; a service that could not be reached even after the SDK's retries (throttling, 5xx,
 * I/O) is {@link RolloutTarget.Unavailable}, so the caller tries again later. Either names the reference and
 * the AWS error code; no message ever carries a value or the text of a secret.
 */
public final class AwsSecrets implements Secrets {
    static final Duration KEEP = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SsmClient ssm;
    private final SecretsManagerClient secretsManager;
    private final Clock clock;
    /** By parameter name or secret id: the fields of one JSON secret share one read. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(String value, Instant until) {
        @Override
        public String toString() {
            return "Kept[until=" + until + "]";
        }
    }

    public AwsSecrets(SsmClient ssm, SecretsManagerClient secretsManager, Clock clock) {
        this.ssm = ssm;
        this.secretsManager = secretsManager;
        this.clock = clock;
    }

    @Override
    public String resolve(String reference) {
        if (reference.startsWith("ssm:/")) {
            String name = reference.substring("ssm:".length());
            return read("ssm:" + name, reference, () -> ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value());
        }
        if (reference.startsWith("secretsmanager:")) {
            String id = reference.substring("secretsmanager:".length());
            int hash = id.indexOf('#');
            String secretId = hash < 0 ? id : id.substring(0, hash);
            if (secretId.isBlank()) {
                throw new Secrets.Unresolved(reference, "no secret name or ARN after 'secretsmanager:'");
            }
            String text = read("secretsmanager:" + secretId, reference, () -> secretString(reference, secretId));
            return hash < 0 ? text : field(reference, text, id.substring(hash + 1));
        }
        throw new Secrets.Unresolved(reference, "only ssm:/ and secretsmanager: references are read from AWS");
    }

    private String read(String key, String reference, Supplier<String> fetch) {
        Instant now = clock.instant();
        Kept k = kept.get(key);
        if (k != null && now.isBefore(k.until())) {
            return k.value();
        }
        String value;
        try {
            value = fetch.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String why = (code == null ? "" : code + ", ") + "HTTP " + e.statusCode();
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new RolloutTarget.Unavailable("cannot read secret " + reference + " now: " + why);
            }
            throw new Secrets.Unresolved(reference, why);
        } catch (SdkClientException e) {
            throw new RolloutTarget.Unavailable("cannot read secret " + reference + " now: " + e.getClass().getSimpleName()
                    + ", the service did not answer");
        } catch (SdkException e) {
            throw new Secrets.Unresolved(reference, e.getClass().getSimpleName());
        }
        kept.put(key, new Kept(value, now.plus(KEEP)));
        return value;
    }

    private String secretString(String reference, String secretId) {
        GetSecretValueResponse r = secretsManager.getSecretValue(b -> b.secretId(secretId));
        if (r.secretString() == null) {
            throw new Secrets.Unresolved(reference, "the secret has no SecretString (a binary secret cannot be used here)");
        }
        return r.secretString();
    }

    /** One field of a JSON secret; the parser's message is never passed on, since it quotes the secret's text. */
    private static String field(String reference, String text, String field) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new Secrets.Unresolved(reference, "the secret is not a JSON object, so it has no field '" + field + "'");
        }
        JsonNode v = json.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new Secrets.Unresolved(reference, "the secret has no text field '" + field + "'");
        }
        return v.asText();
    }
}
