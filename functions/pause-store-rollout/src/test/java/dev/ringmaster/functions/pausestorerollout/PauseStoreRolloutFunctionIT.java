package dev.ringmaster.functions.pausestorerollout;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class PauseStoreRolloutFunctionIT extends PauseStoreRolloutFunctionTest {
}
