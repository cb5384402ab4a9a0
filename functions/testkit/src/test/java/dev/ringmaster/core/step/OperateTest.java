package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Operator commands: the transition and its intent in one write, the event after, refusals recorded. */
class OperateTest {
    private final StepWorld w = new StepWorld();

    @Test
    void aPlanNamingWhatTheDeploymentCannotReach_isRefusedAtStart_namingEachThing() {
        Operate manualOnly = new Operate(w.store, w.bus(), w.scheduler, w.clock, w.plans,
                new Capabilities(Set.of(TargetType.MANUAL), Set.of("static"), Set.of(), Set.of()), Duration.ofMinutes(5));

        CommandResult r = manualOnly.handle(StepWorld.ID, new Command(Command.Type.START, "sam", "", null, true, false), StepWorld.HEALTHY);

        assertEquals("this deployment cannot carry out the plan: spec.target.type: no google-play adapter in this deployment"
                + " (configured: manual); spec.notify[0].channel: no 'slack' notifier in this deployment (configured: none);"
                + " spec.flagStore.provider: no 'json' flag store in this deployment (configured: none)",
                assertInstanceOf(CommandResult.Refused.class, r).reason());
        assertTrue(w.store.find(StepWorld.ID).isEmpty());
    }

    @Test
    void aCommandsIntentIsWrittenWithItsTransition_andABusThatFailsDoesNotUndoTheCommand() {
        w.startLive(StepWorld.HEALTHY);
        w.busDown.set(new IllegalStateException("EventBridge down"));

        CommandResult r = w.command(Command.Type.PAUSE);

        assertInstanceOf(CommandResult.Accepted.class, r);
        assertEquals(Action.HALT, w.stored().effect().action());
        assertEquals(w.rollout().version(), w.stored().effect().version());
    }

    @Test
    void startSchedulesTicks_andAPromoteKeepsThemUntilItsCompleteIsCarriedOut() {
        w.startLive(StepWorld.HEALTHY);
        assertTrue(w.scheduler.schedules().containsKey(StepWorld.ID));

        w.command(Command.Type.PROMOTE);

        assertTrue(w.scheduler.schedules().containsKey(StepWorld.ID), "the tick unschedules once the outbox is empty");
    }

    @Test
    void aRefusedCommandIsRecordedWithWhoAskedAndWhy() {
        w.startLive(StepWorld.HEALTHY);

        CommandResult r = w.command(Command.Type.RESUME);

        assertInstanceOf(CommandResult.Refused.class, r);
        assertTrue(w.store.history(StepWorld.ID).stream().anyMatch(h -> h.what().equals("resume") && h.operator().equals("sam")
                && h.kind() == dev.ringmaster.core.port.HistoryEntry.Kind.REFUSED));
    }
}
