package dev.ringmaster.functions.notifychannel;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the native build (CI, -Pnative). */
@QuarkusIntegrationTest
class NotifyChannelFunctionIT extends NotifyChannelFunctionTest {
}
