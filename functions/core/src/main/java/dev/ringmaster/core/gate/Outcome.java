package dev.ringmaster.core.gate;

/** A gate's verdict, ordered best to worst so verdicts roll up with {@link #worst}. */
public enum Outcome {
    PASS, INCONCLUSIVE, FAIL;

    public static Outcome worst(Outcome a, Outcome b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
