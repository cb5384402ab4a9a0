package dev.ringmaster.functions.ingestwebhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class IngestWebhookFunctionIT extends IngestWebhookFunctionTest {
}
