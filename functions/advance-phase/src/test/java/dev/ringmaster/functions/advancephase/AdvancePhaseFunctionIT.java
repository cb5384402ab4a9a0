package dev.ringmaster.functions.advancephase;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class AdvancePhaseFunctionIT extends AdvancePhaseFunctionTest {
}
