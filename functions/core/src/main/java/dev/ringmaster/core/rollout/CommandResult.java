package dev.ringmaster.core.rollout;

/** A command accepted with the rollout it leads to, or refused with the reason a person can act on. */
public sealed interface CommandResult {

    record Accepted(Rollout rollout, Transition transition, String message) implements CommandResult {
    }

    record Refused(String reason) implements CommandResult {
    }
}
