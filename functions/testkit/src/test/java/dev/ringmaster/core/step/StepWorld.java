package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.testkit.RecordingScheduler;
import dev.ringmaster.testkit.VirtualClock;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.testkit.sim.PlayRelease;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.testkit.sim.SimFlagStore;
import dev.ringmaster.testkit.sim.SimTargets;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One rollout's world for the step tests: the in-memory store, a virtual clock, the simulated Play track and
 * flag document, a recording notifier, and a bus that only records (each test delivers what it means to).
 * Its target and notifier can be made to fail.
 */
final class StepWorld {
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final String ID = "android-2-1-0";

    final VirtualClock clock = new VirtualClock(T0);
    final InMemoryRolloutStore store = new InMemoryRolloutStore();
    final SimFlagStore flags = new SimFlagStore(clock);
    final SimTargets sims = SimTargets.of(clock, flags);
    final RecordingNotifier recorded = new RecordingNotifier(clock);
    final List<RolloutEvent> published = new ArrayList<>();
    final RecordingScheduler scheduler = new RecordingScheduler();
    /** When set, every target call fails with it (a 503, a timeout). */
    final AtomicReference<RuntimeException> targetDown = new AtomicReference<>();
    /** When set, every send fails with it (Slack down). */
    final AtomicReference<RuntimeException> notifierDown = new AtomicReference<>();
    /** When set, publishing fails with it (EventBridge down). */
    final AtomicReference<RuntimeException> busDown = new AtomicReference<>();
    final PlanCache plans = new PlanCache();
    /** The metrics the plan's queries give; a test may swap in others (a regression after a pause). */
    final AtomicReference<MetricSource> source = new AtomicReference<>(new StaticMetricSource());
    /** Every read: "metric from to", so a test sees which evidence a tick judged. */
    final List<String> reads = new ArrayList<>();
    final MetricSource metrics = (def, rollout, version, from, to) -> {
        reads.add(def.name() + " " + from + " " + to);
        return source.get().read(def, rollout, version, from, to);
    };

    /**
     * Seed 002's shape on a Play track: 10 % → 50 % → 100 %, soak 1h, a static crash gate and critical halt
     * rule with the given counts, a JSON flag store with seed 004's kill switch, Slack on every event.
     */
    static String plan(long crashes, long sessions) {
        return """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: %s, app: com.example.vpn, version: "2.1.0"}
                spec:
                  target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
                  flagStore: {provider: json, url: "file:flags.json"}
                  killSwitch: {flag: system.canary.enabled, cohortFlag: "canary.cohort.{name}.enabled"}
                  metrics:
                    crash_rate: {kind: rate, source: static, query: {bad: %d, total: %d}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-2, audience: 50%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-3, audience: 100%%}
                  haltRules:
                    - {metric: crash_rate, max: 0.02, severity: critical, action: pause}
                  notify:
                    - {channel: slack, url: "ssm:/vpn/slack/releases"}
                """.formatted(ID, crashes, sessions);
    }

    static final String HEALTHY = plan(0, 200_000);

    /** Every simulated target; Play's calls fail while {@link #targetDown} holds an error. */
    Targets targets() {
        Map<dev.ringmaster.core.plan.TargetType, RolloutTarget> all = new java.util.EnumMap<>(sims.byType());
        all.put(dev.ringmaster.core.plan.TargetType.GOOGLE_PLAY, new Failing(sims.play(), targetDown));
        return new Targets(all);
    }

    EventPublisher bus() {
        return e -> {
            RuntimeException down = busDown.get();
            if (down != null) {
                throw down;
            }
            published.add(e);
        };
    }

    Notifier notifier() {
        return (NotifyRule rule, Notifier.Message m) -> {
            RuntimeException down = notifierDown.get();
            if (down != null) {
                throw down;
            }
            recorded.send(rule, m);
        };
    }

    Operate operate() {
        return new Operate(store, bus(), scheduler, clock, plans, Capabilities.everything(), Duration.ofMinutes(5));
    }

    EvaluateGates evaluate() {
        return new EvaluateGates(store, metrics, bus(), scheduler, clock, plans, new TargetCheck(store, targets(), bus(), clock));
    }

    AdvancePhase advance() {
        return new AdvancePhase(store, targets(), flags, clock, plans);
    }

    PauseStoreRollout pause() {
        return new PauseStoreRollout(store, targets(), flags, clock, plans);
    }

    NotifyChannel notifyChannel() {
        return new NotifyChannel(store, notifier(), clock, plans);
    }

    /** A command by sam; its event is recorded, not delivered. */
    CommandResult command(Command.Type type) {
        return operate().handle(ID, new Command(type, "sam", "test", null, true, type == Command.Type.PROMOTE), null);
    }

    /** A command by sam, delivered as the bus would. */
    CommandResult given(Command.Type type) {
        CommandResult r = command(type);
        deliver(last());
        return r;
    }

    /** Starts {@code planYaml} and makes phase 1 live on the track, as advance-phase would. */
    void startLive(String planYaml) {
        operate().handle(ID, new Command(Command.Type.START, "sam", "release", null, true, false), planYaml);
        deliver(last());
    }

    /** One tick, its event delivered: the chain in one step. */
    EvaluateGates.Result tickAndDeliver() {
        int before = published.size();
        EvaluateGates.Result r = evaluate().tick(ID);
        if (published.size() > before) {
            deliver(last());
        }
        return r;
    }

    /**
     * Hands the event to the step its action routes to and to notify-channel, as the bus would: the action
     * step's answer, or its failure; a notifier that fails only leaves the message owed.
     */
    String deliver(RolloutEvent e) {
        Instant until = clock.instant().plus(Duration.ofMinutes(1));
        try {
            if (e.action().widens()) {
                return advance().handle(e, until).orElse("");
            }
            return e.action().protective() ? pause().handle(e, until).orElse("") : "";
        } finally {
            try {
                notifyChannel().handle(e, until);
            } catch (NotifyChannel.NotSent owed) {
                // the outbox sends it again
            }
        }
    }

    /** Delivers {@code e} while its target is down: the delivery must fail, leaving the action owed. */
    void deliverFailing(RolloutEvent e) {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> deliver(e), "the target is down");
    }

    RolloutEvent last() {
        return published.get(published.size() - 1);
    }

    StoredRollout stored() {
        return store.find(ID).orElseThrow();
    }

    Rollout rollout() {
        return stored().rollout();
    }

    Intent intent(RolloutEvent e) {
        return store.intent(ID, e.intentId()).orElseThrow();
    }

    /** The track as Play holds it: "inProgress 10%", "halted 10%", "completed", or "none". */
    String track() {
        return sims.play().release("com.example.vpn", "production").map(StepWorld::describe).orElse("none");
    }

    private static String describe(PlayRelease r) {
        return r.userFraction() == null ? r.status() : r.status() + " " + Math.round(r.userFraction() * 100) + "%";
    }

    /** A target that fails while {@code down} holds an error: the API answering 503. */
    private record Failing(RolloutTarget real, AtomicReference<RuntimeException> down) implements RolloutTarget {
        private void check() {
            RuntimeException e = down.get();
            if (e != null) {
                throw e;
            }
        }

        @Override
        public dev.ringmaster.core.port.TargetState enter(dev.ringmaster.core.plan.Target t, dev.ringmaster.core.plan.Phase p, String v) {
            check();
            return real.enter(t, p, v);
        }

        @Override
        public dev.ringmaster.core.port.TargetState halt(dev.ringmaster.core.plan.Target t, dev.ringmaster.core.plan.Phase p, String v) {
            check();
            return real.halt(t, p, v);
        }

        @Override
        public dev.ringmaster.core.port.TargetState rollback(dev.ringmaster.core.plan.Target t, dev.ringmaster.core.plan.Phase p, String v) {
            check();
            return real.rollback(t, p, v);
        }

        @Override
        public dev.ringmaster.core.port.TargetState complete(dev.ringmaster.core.plan.Target t, String v) {
            check();
            return real.complete(t, v);
        }

        @Override
        public dev.ringmaster.core.port.TargetState observe(dev.ringmaster.core.plan.Target t, String v) {
            return real.observe(t, v);
        }

        @Override
        public dev.ringmaster.core.port.TargetState hold(dev.ringmaster.core.plan.Target t, dev.ringmaster.core.plan.Phase p, String v) {
            check();
            return real.hold(t, p, v);
        }
    }
}
