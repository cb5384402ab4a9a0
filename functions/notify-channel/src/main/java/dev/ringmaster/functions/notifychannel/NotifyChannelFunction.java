package dev.ringmaster.functions.notifychannel;

import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.NotifyChannel;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Step function notify-channel: every rollout event, told to the channels of the plan that listen for it. */
public class NotifyChannelFunction {

    @Inject
    NotifyChannel notifyChannel;

    @Funq("notify-channel")
    public NotifyResult notifyChannel(EventBridgeEvent envelope) {
        RolloutEvent e = envelope.rolloutEvent();
        return new NotifyResult(e.rolloutId(), e.version(), e.event(), notifyChannel.handle(e));
    }
}
