package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.APP_REVIEW;
import static dev.ringmaster.testkit.sim.Fixtures.APP_STORE;
import static dev.ringmaster.testkit.sim.Fixtures.FLAG;
import static dev.ringmaster.testkit.sim.Fixtures.MANUAL;
import static dev.ringmaster.testkit.sim.Fixtures.PLAY;
import static dev.ringmaster.testkit.sim.Fixtures.REGISTRY;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.TESTFLIGHT;
import static dev.ringmaster.testkit.sim.Fixtures.groups;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static dev.ringmaster.testkit.sim.Fixtures.ring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimTargetsTest {
    private static final Instant T1 = T0.plus(Duration.ofMinutes(5));
    private final VirtualClock clock = new VirtualClock(T0);
    private final SimTargets sims = SimTargets.of(clock, new SimFlagStore(clock));

    @Test
    void oneSimulatedSystemPerTargetType() {
        assertEquals(Arrays.asList(TargetType.values()), sims.targets().types().stream().sorted().toList());
    }

    @Test
    void everyCallIsRecorded() {
        Map<TargetType, Target> targets = Map.of(TargetType.GOOGLE_PLAY, PLAY, TargetType.APP_STORE, APP_STORE,
                TargetType.TESTFLIGHT, TESTFLIGHT, TargetType.APP_REVIEW, APP_REVIEW, TargetType.FEATURE_FLAG, FLAG,
                TargetType.CONTAINER_RING, REGISTRY, TargetType.MANUAL, MANUAL);
        clock.advance(Duration.ofMinutes(5));
        sims.byType().forEach((type, target) -> {
            Target t = targets.get(type);
            target.enter(t, type == TargetType.CONTAINER_RING ? ring("ring-0") : type == TargetType.TESTFLIGHT ? groups("qa") : percent(10), "2.1.0");
            target.observe(t, "2.1.0");
        });
        Refused refused = assertThrows(Refused.class, () -> sims.registry().rollback(REGISTRY, ring("ring-0"), "2.1.0"));

        sims.calls().forEach((type, calls) -> {
            List<String> operations = calls.stream().map(Call::operation).toList();
            List<String> expected = type == TargetType.CONTAINER_RING ? List.of("enter", "observe", "rollback") : List.of("enter", "observe");
            assertEquals(expected, operations, type.key);
            calls.forEach(c -> assertEquals(T1, c.at(), type.key + " " + c));
        });
        Call last = sims.registry().calls().get(2);
        assertEquals(new Call(T1, "rollback", "ghcr.io/wizzense/aitherzero:ring-0 2.1.0", true, refused.getMessage()), last);
    }

    @Test
    void everyMessageIsRecorded() {
        RecordingNotifier notifier = new RecordingNotifier(clock);
        clock.advance(Duration.ofMinutes(5));

        notifier.send(new NotifyRule("slack", "ssm:/ringmaster/slack/releases", List.of()),
                new Notifier.Message("android-2-1-0", NotifyEvent.HALTED, "android-2-1-0 halted", "crash_rate above 0.02"));

        assertEquals(List.of(new SentMessage(T1, "slack", "android-2-1-0", "halted", "android-2-1-0 halted", "crash_rate above 0.02")),
                notifier.messages());
    }
}
