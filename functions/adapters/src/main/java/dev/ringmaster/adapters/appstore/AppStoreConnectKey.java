package dev.ringmaster.adapters.appstore;

/**
 * A team API key for App Store Connect: the issuer id and key id shown in Users and Access, and a credential
 * reference ({@code ssm:/…}, {@code secretsmanager:…}, {@code env:…}, {@code file:…}) to the .p8 private key
 * (PKCS#8 PEM). Only the reference is held here, never the key.
 */
public record AppStoreConnectKey(String issuerId, String keyId, String privateKey) {
}
