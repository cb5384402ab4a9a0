package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A freshly generated service-account key file, shaped like the one the Cloud console downloads. */
record ServiceAccountKey(KeyPair keys, String email) {
    static final String EMAIL = "ringmaster-release@ringmaster-test.iam.gserviceaccount.com";

    static ServiceAccountKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new ServiceAccountKey(g.generateKeyPair(), EMAIL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    String json(String tokenUri) {
        ObjectNode key = new ObjectMapper().createObjectNode()
                .put("type", "service_account")
                .put("project_id", "ringmaster-test")
                .put("private_key_id", "5f0c4d6e1b2a39887766554433221100aabbccdd")
                .put("private_key", privateKeyPem())
                .put("client_email", email)
                .put("client_id", "104729385710293847561")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri)
                .put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs")
                .put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/"
                        + "ringmaster-release%40ringmaster-test.iam.gserviceaccount.com")
                .put("universe_domain", "googleapis.com");
        return key.toPrettyString();
    }
}
