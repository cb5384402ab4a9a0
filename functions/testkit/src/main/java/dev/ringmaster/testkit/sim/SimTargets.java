package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One simulated system per target type, sharing one clock; the flag store is handed in because it is also the plan's flag writer. */
public record SimTargets(SimPlayTrack play, SimAppStorePhasedRelease appStore, SimTestFlight testFlight, SimAppReview appReview,
                         SimFlagStore flags, SimRegistry registry, SimManualTarget manual) {

    /** App Review's usual turnaround, in virtual time. */
    public static final Duration REVIEW_TIME = Duration.ofHours(24);

    public static SimTargets of(Clock clock, SimFlagStore flags) {
        return new SimTargets(new SimPlayTrack(clock), new SimAppStorePhasedRelease(clock), new SimTestFlight(clock),
                new SimAppReview(clock, REVIEW_TIME), flags, new SimRegistry(clock), new SimManualTarget(clock));
    }

    /** The targets as the step functions take them. */
    public Targets targets() {
        return new Targets(byType());
    }

    public Map<TargetType, RolloutTarget> byType() {
        Map<TargetType, RolloutTarget> m = new EnumMap<>(TargetType.class);
        m.put(TargetType.GOOGLE_PLAY, play);
        m.put(TargetType.APP_STORE, appStore);
        m.put(TargetType.TESTFLIGHT, testFlight);
        m.put(TargetType.APP_REVIEW, appReview);
        m.put(TargetType.FEATURE_FLAG, flags);
        m.put(TargetType.CONTAINER_RING, registry);
        m.put(TargetType.MANUAL, manual);
        return Map.copyOf(m);
    }

    /** Every call each system received, by target type, for reports. */
    public Map<TargetType, List<Call>> calls() {
        Map<TargetType, List<Call>> m = new EnumMap<>(TargetType.class);
        m.put(TargetType.GOOGLE_PLAY, play.calls());
        m.put(TargetType.APP_STORE, appStore.calls());
        m.put(TargetType.TESTFLIGHT, testFlight.calls());
        m.put(TargetType.APP_REVIEW, appReview.calls());
        m.put(TargetType.FEATURE_FLAG, flags.calls());
        m.put(TargetType.CONTAINER_RING, registry.calls());
        m.put(TargetType.MANUAL, manual.calls());
        return Collections.unmodifiableMap(m);
    }
}
