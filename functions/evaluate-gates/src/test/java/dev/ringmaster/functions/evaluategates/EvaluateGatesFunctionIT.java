package dev.ringmaster.functions.evaluategates;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class EvaluateGatesFunctionIT extends EvaluateGatesFunctionTest {
}
