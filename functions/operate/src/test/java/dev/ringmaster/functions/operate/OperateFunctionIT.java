package dev.ringmaster.functions.operate;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class OperateFunctionIT extends OperateFunctionTest {
}
