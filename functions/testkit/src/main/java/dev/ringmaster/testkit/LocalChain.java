package dev.ringmaster.testkit;

import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.Targets;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.core.step.EvaluateGates;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.core.step.Outbox;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.core.step.PlanCache;
import dev.ringmaster.core.step.TargetCheck;
import dev.ringmaster.testkit.bus.InProcessBus;
import java.time.Clock;
import java.time.Duration;

/**
 * Every step function in one process, wired to an in-process bus with the cloud's routing rules (advance-phase
 * takes ENTER_PHASE, RESUME and COMPLETE; pause-store-rollout HALT, ROLLBACK and KILL; notify-channel every
 * event): what the simulator, the local runner and chain tests run. Each step gets only the ports it uses.
 */
public final class LocalChain {
    /** The claim a step holds while acting, standing in for a Lambda invocation's deadline. */
    public static final Duration INVOCATION = Duration.ofMinutes(1);

    public final InProcessBus bus;
    public final EvaluateGates evaluate;
    public final Operate operate;
    public final AdvancePhase advance;
    public final PauseStoreRollout pause;
    public final NotifyChannel notify;

    /** What the local process reaches outside the core. */
    public record World(RolloutStore store, MetricSource metrics, Targets targets, FlagWriter flags, Notifier notifier,
                        TickScheduler scheduler, Clock clock) {
    }

    /**
     * @param intervals false for Monte Carlo runs that only count outcomes
     * @param grace     how long the tick leaves a fresh intent to its step ({@link Outbox#GRACE} as in the cloud;
     *                  zero for the local runner, whose commands come from other processes and reach no bus)
     */
    public LocalChain(World w, InProcessBus bus, Capabilities capabilities, Duration tick, boolean intervals, Duration grace) {
        PlanCache plans = new PlanCache();
        this.bus = bus;
        this.evaluate = new EvaluateGates(w.store(), w.metrics(), bus, w.scheduler(), w.clock(), plans, intervals, grace,
                new TargetCheck(w.store(), w.targets(), bus, w.clock()));
        this.operate = new Operate(w.store(), bus, w.scheduler(), w.clock(), plans, capabilities, tick);
        this.advance = new AdvancePhase(w.store(), w.targets(), w.flags(), w.clock(), plans);
        this.pause = new PauseStoreRollout(w.store(), w.targets(), w.flags(), w.clock(), plans);
        this.notify = new NotifyChannel(w.store(), w.notifier(), w.clock(), plans);
        Clock clock = w.clock();
        bus.subscribe("advance-phase", e -> e.action().widens(), e -> advance.handle(e, clock.instant().plus(INVOCATION)))
                .subscribe("pause-store-rollout", e -> e.action().protective(), e -> pause.handle(e, clock.instant().plus(INVOCATION)))
                .subscribe("notify-channel", e -> true, e -> notify.handle(e, clock.instant().plus(INVOCATION)));
    }
}
