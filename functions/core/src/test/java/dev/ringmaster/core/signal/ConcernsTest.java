package dev.ringmaster.core.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.RepoFiles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which rollout a webhook means, against seed 002's iOS plan (TestFlight first, then App Review, app id 1500000000). */
class ConcernsTest {
    private static final Plan IOS = PlanParser.parse(RepoFiles.root().resolve("events/plans/002-ios-testflight.yaml")).plan();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the rollout id names it exactly", new Concerns("ios-2-1-0", null, null), true),
                Arguments.of("another rollout id is another rollout, whatever the app", new Concerns("ios-2-2-0", "com.example.vpn", null), false),
                Arguments.of("the plan's metadata.app names it", new Concerns(null, "com.example.vpn", null), true),
                Arguments.of("App Store Connect's app id names it (the target's appId)", new Concerns(null, "1500000000", null), true),
                Arguments.of("the app id of a later phase's target names it too", new Concerns(null, "1500000000", "2.1.0"), true),
                Arguments.of("Crashlytics' version with its build in parentheses is the same version", new Concerns(null, "com.example.vpn", "2.1.0 (2101)"), true),
                Arguments.of("a crash of the previous version is not this rollout's", new Concerns(null, "com.example.vpn", "2.0.3 (2003)"), false),
                Arguments.of("another app is not it", new Concerns(null, "com.example.mail", null), false),
                Arguments.of("naming nothing matches nothing", new Concerns(null, null, "2.1.0"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String rule, Concerns concerns, boolean expected) {
        assertEquals(expected, concerns.matches("ios-2-1-0", IOS), rule);
    }
}
