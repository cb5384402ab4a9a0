package dev.ringmaster.testkit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.adapters.play.GooglePlayTarget;
import dev.ringmaster.adapters.play.PlayCredentials;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.testkit.LocalChain;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.bus.InProcessBus;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SentMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's unhappy paths, through the whole chain on the real Google Play adapter against the Play stand-in: a bad
 * build's halt meets each failure; the rollout's state stays right, the track ends where it must, on-call is told.
 */
class PlayUnhappyPathsTest {
    private static final String ID = "android-2-1-0";
    private final PlayStandIn play = PlayStandIn.start();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryRolloutStore store = new InMemoryRolloutStore();
    private final RecordingNotifier told = new RecordingNotifier(clock);
    private final LocalChain chain = new LocalChain(new LocalChain.World(store, new StaticMetricSource(),
            new Targets(Map.of(TargetType.GOOGLE_PLAY, new GooglePlayTarget(URI.create(play.baseUrl()),
                    PlayCredentials.fromKeyJson(play.serviceAccountKeyJson()), Http.client(),
                    new Http.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(5))))),
            (flagStore, flags) -> {
                throw new RolloutTarget.Refused("no flag store in this plan");
            }, told, new RecordingScheduler(), clock), new InProcessBus(), Capabilities.everything(), Duration.ofMinutes(5), true, Outbox.GRACE);

    @AfterEach
    void stop() {
        play.close();
    }

    /** Seed 002's Android shape; {@code bad} crashes break the critical halt rule at the first tick. */
    private static String plan(long bad) {
        return """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: %s, app: com.example.vpn, version: "2.1.0"}
                spec:
                  target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
                  metrics:
                    crash_rate: {kind: rate, source: static, query: {bad: %d, total: 20000}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 24h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-2, audience: 100%%}
                  haltRules:
                    - {metric: crash_rate, max: 0.02, severity: critical, action: pause}
                  notify:
                    - {channel: slack, url: "ssm:/vpn/slack/releases"}
                """.formatted(ID, bad);
    }

    static Stream<Arguments> unhappyPaths() {
        String halted = "halted 10%";
        String untouched = "inProgress 10%";
        return Stream.of(
                Arguments.of("an expired token is fetched again", (Consumer<PlayStandIn>) PlayStandIn::revokeTokens, 600,
                        RolloutState.HALTED, halted, Set.of("halted")),
                Arguments.of("409 concurrentUpdate on commit: a fresh edit", (Consumer<PlayStandIn>) p -> p.fail("POST", ":commit", 1, 409,
                        "concurrentUpdate", "Too many concurrent edits on this application."), 600, RolloutState.HALTED, halted, Set.of("halted")),
                Arguments.of("429 with Retry-After: waited and sent again", (Consumer<PlayStandIn>) p -> p.fail("PUT", "/tracks/production", 1, 429,
                        "rateLimitExceeded", "Quota exceeded."), 600, RolloutState.HALTED, halted, Set.of("halted")),
                Arguments.of("500 once: sent again", (Consumer<PlayStandIn>) p -> p.fail("POST", ":commit", 1, 500, "backendError",
                        "Internal error encountered."), 600, RolloutState.HALTED, halted, Set.of("halted")),
                Arguments.of("500 for a while: the halt fails, on-call is told, the next attempts land it",
                        (Consumer<PlayStandIn>) p -> p.fail("GET", "/tracks/production", 9, 500, "backendError", "Internal error encountered."), 600,
                        RolloutState.HALTED, halted, Set.of("halted", "action-failed")),
                Arguments.of("a malformed answer: treated as unreachable, on-call told, sent again", (Consumer<PlayStandIn>) p -> p.malform("GET",
                        "/tracks/production"), 600, RolloutState.HALTED, halted, Set.of("halted", "action-failed")),
                Arguments.of("401 for good (the key was revoked): the halt is refused, on-call acts by hand",
                        (Consumer<PlayStandIn>) p -> {
                            p.revokeTokens();
                            p.fail("POST", "/token", 100, 400, "invalid_grant", "Invalid JWT Signature.");
                        }, 600, RolloutState.HALTED, untouched, Set.of("halted", "action-failed")),
                Arguments.of("403 userInsufficientPermission: refused, on-call acts by hand", (Consumer<PlayStandIn>) p -> p.fail("PUT",
                        "/tracks/production", 100, 403, "userInsufficientPermission", "The caller does not have permission"), 600,
                        RolloutState.HALTED, untouched, Set.of("halted", "action-failed")),
                Arguments.of("a change made by hand in Play Console: paused, never overwritten, on-call told",
                        (Consumer<PlayStandIn>) p -> p.changeByHand("com.example.vpn", "production", List.of("2100"), "inProgress", 0.5), 0,
                        RolloutState.PAUSED, "inProgress 50%", Set.of("changed-by-hand")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unhappyPaths")
    void theRolloutStateStaysRight_theTrackEndsWhereItMust_andOnCallIsTold(String name, Consumer<PlayStandIn> fault, long bad,
                                                                          RolloutState state, String track, Set<String> events) {
        chain.operate.handle(ID, new Command(Command.Type.START, "sam", "release", null, true, false), plan(bad));
        assertEquals(List.of("inProgress 10%"), List.of(track()), "phase 1 is live before the fault");
        fault.accept(play);

        for (int tick = 0; tick < 12; tick++) {
            clock.advance(Duration.ofMinutes(5));
            chain.evaluate.tick(ID);
        }

        assertEquals(state, store.find(ID).orElseThrow().rollout().state());
        assertEquals(track, track(), play.requests().toString());
        // what on-call acts on; started, held and the watch's repeated critical alert are the same in every case
        Set<String> heard = told.messages().stream().map(SentMessage::event).filter(e -> !Set.of("started", "held", "alert").contains(e))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(events), heard, told.messages().toString());
        assertTrue(told.messages().stream().noneMatch(m -> m.text().contains("PRIVATE KEY") || m.text().contains("ya29.")), "no secret told");
    }

    private String track() {
        return play.track("com.example.vpn", "production").stream().filter(r -> r.get("versionCodes").equals(List.of("2100")))
                .map(r -> r.get("status") + (r.get("userFraction") == null ? "" : " " + Math.round((Double) r.get("userFraction") * 100) + "%"))
                .findFirst().orElse("none");
    }
}
