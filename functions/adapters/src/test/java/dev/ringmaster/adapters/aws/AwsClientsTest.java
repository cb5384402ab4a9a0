package dev.ringmaster.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-central-1", AwsClients.ENDPOINT_ENV, "http://127.0.0.1:4566");

    @Test
    void region_configuredWins_elseTheLambdasAwsRegion_elseAnErrorNamingBoth() {
        assertEquals(Region.EU_WEST_1, AwsClients.region(Optional.of("eu-west-1"), ENV));
        assertEquals(Region.EU_CENTRAL_1, AwsClients.region(Optional.of(" "), ENV));
        assertEquals(Region.EU_CENTRAL_1, AwsClients.region(Optional.empty(), ENV));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AwsClients.region(Optional.empty(), Map.of()));
        assertTrue(e.getMessage().contains("ringmaster.aws.region") && e.getMessage().contains("AWS_REGION"), e.getMessage());
    }

    @Test
    void endpoint_serviceSettingWins_elseRingmasterAwsEndpoint_elseTheSdksOwn() {
        assertEquals(Optional.of(URI.create("https://events.vpce.example")),
                AwsClients.endpoint(Optional.of("https://events.vpce.example"), ENV));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), AwsClients.endpoint(Optional.empty(), ENV));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), AwsClients.endpoint(Optional.of(""), ENV));
        assertEquals(Optional.empty(), AwsClients.endpoint(Optional.empty(), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsClients.endpoint(Optional.empty(), Map.of(AwsClients.ENDPOINT_ENV, "localhost:4566")));
        assertTrue(e.getMessage().contains("'localhost:4566'"), e.getMessage());
    }
}
