package dev.ringmaster.adapters.registry;

import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECR hosts go to the ECR API (with the host's region), every other registry to the OCI API. */
class ContainerRingsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com,        ecr eu-west-1",
            "210987654321.dkr.ecr.us-east-2.amazonaws.com,        ecr us-east-2",
            "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com, ecr us-gov-west-1",
            "public.ecr.aws,                                      oci",
            "ghcr.io,                                             oci",
            "127.0.0.1:5000,                                      oci",
    })
    void registryHost_choosesTheApi(String registry, String expected) {
        List<String> chosen = new ArrayList<>();
        RecordingHttpClient http = new RecordingHttpClient(true);
        ContainerRings rings = new ContainerRings(new OciRegistryTarget(http, Fixtures.FAST, host -> Optional.empty(), Clock.systemUTC()),
                new EcrRingTarget(region -> {
                    chosen.add("ecr " + region);
                    throw new Refused("stop here");
                }));

        assertThrows(RuntimeException.class, () -> rings.enter(target(registry, "wizzense/aitherzero"), ring("ring-0"), "1.5.0"));

        http.calls.stream().findFirst().ifPresent(call -> chosen.add("oci"));
        assertEquals(List.of(expected), chosen);
    }
}
