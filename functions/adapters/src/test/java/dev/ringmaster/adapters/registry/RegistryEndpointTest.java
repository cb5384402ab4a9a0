package dev.ringmaster.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain http only to a loopback registry: credentials and tokens must not cross a network in clear. */
class RegistryEndpointTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "ghcr.io,                                               https://ghcr.io",
            "registry.example.com:5000,                             https://registry.example.com:5000",
            "10.0.0.5:5000,                                         https://10.0.0.5:5000",
            "https://ghcr.io/,                                      https://ghcr.io",
            "127.0.0.1:5000,                                        http://127.0.0.1:5000",
            "localhost:5000,                                        http://localhost:5000",
            "[::1]:5000,                                            http://[::1]:5000",
            "http://127.0.0.1:5000,                                 http://127.0.0.1:5000",
            "https://127.0.0.1:5443,                                https://127.0.0.1:5443",
    })
    void registryKey_pointsAtHttpsUnlessLoopback(String registry, String base) {
        assertEquals(base, RegistryEndpoint.base(registry).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://ghcr.io", "http://10.0.0.5:5000", "http://registry.example.com"})
    void plainHttpOffLoopback_isRefused_beforeAnyCall(String registry) {
        RecordingHttpClient http = new RecordingHttpClient();
        OciRegistryTarget rings = new OciRegistryTarget(http, Fixtures.FAST, host -> Optional.empty(), Clock.systemUTC());

        Refused refused = assertThrows(Refused.class,
                () -> rings.enter(Fixtures.target(registry, "wizzense/aitherzero"), Fixtures.ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().contains("plain http is allowed only for a loopback registry"), refused.getMessage());
        assertEquals(List.of(), http.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/wizzense", "user:pass@ghcr.io", "ghcr .io"})
    void registryKeyThatIsNotHostPort_isRefused(String registry) {
        assertThrows(Refused.class, () -> RegistryEndpoint.base(registry));
    }
}
