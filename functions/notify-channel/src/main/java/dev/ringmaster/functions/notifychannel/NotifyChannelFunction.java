package dev.ringmaster.functions.notifychannel;

import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import dev.ringmaster.functions.runtime.Invocation;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * Step function notify-channel: every rollout event, told to the channels of the plan that listen for it. A
 * channel that fails fails the invocation, so the bus delivers the event again (the others are not re-sent).
 */
public class NotifyChannelFunction {

    @Inject
    NotifyChannel notifyChannel;

    @Inject
    Invocation invocation;

    @Funq("notify-channel")
    public NotifyResult notifyChannel(EventBridgeEvent envelope) {
        RolloutEvent e = envelope.rolloutEvent();
        return new NotifyResult(e.rolloutId(), e.version(), e.event().key, notifyChannel.handle(e, invocation.deadline()));
    }
}
