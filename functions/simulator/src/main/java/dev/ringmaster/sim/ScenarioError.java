package dev.ringmaster.sim;

/** A scenario file that cannot be simulated, naming the field and the value. */
public final class ScenarioError extends RuntimeException {
    public ScenarioError(String file, String message) {
        super(file + ": " + message);
    }
}
