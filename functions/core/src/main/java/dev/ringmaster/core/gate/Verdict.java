package dev.ringmaster.core.gate;

/** PASS, FAIL or INCONCLUSIVE for one criterion, always with its evidence. */
public record Verdict(Outcome outcome, Evidence evidence) {

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
