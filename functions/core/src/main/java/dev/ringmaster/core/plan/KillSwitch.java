package dev.ringmaster.core.plan;

/** Seed 004 kill switch: a global flag and a per-cohort flag pattern with {@code {name}}. */
public record KillSwitch(String flag, String cohortFlag) {

    public String cohortFlagFor(String cohort) {
        return cohortFlag == null ? null : cohortFlag.replace("{name}", cohort);
    }
}
