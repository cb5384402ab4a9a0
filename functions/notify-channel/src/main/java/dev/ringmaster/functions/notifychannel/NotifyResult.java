package dev.ringmaster.functions.notifychannel;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The channels told about one event: empty when no rule listens or the event was delivered before. */
@RegisterForReflection
public record NotifyResult(String rolloutId, long version, String event, List<String> told) {
}
