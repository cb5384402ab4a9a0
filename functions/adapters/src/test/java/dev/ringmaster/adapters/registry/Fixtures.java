package dev.ringmaster.adapters.registry;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans' container-ring targets and ring phases, and a retry policy that never waits long. */
final class Fixtures {
    static final Http.Policy FAST = new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private Fixtures() {
    }

    /** @param more extra keys as pairs: "build", Map.of("tag", "1.5.0"), "lastGood", "sha256:…" */
    static Target target(String registry, String repository, Object... more) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("registry", registry);
        keys.put("repository", repository);
        for (int i = 0; i < more.length; i += 2) {
            keys.put((String) more[i], more[i + 1]);
        }
        return new Target(TargetType.CONTAINER_RING, keys);
    }

    static Phase ring(String ring) {
        return new Phase(ring, null, null, List.of(), ring, null, null, null, null, null, null, Map.of(), null, List.of());
    }
}
