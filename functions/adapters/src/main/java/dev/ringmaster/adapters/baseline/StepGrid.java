package dev.ringmaster.adapters.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The step ends a query source reports in {@code (from, to]}: whole multiples of the step since the epoch, so a
 * metric read on consecutive ticks gives the same steps, and a baseline {@link Baseline#shift() shifted} by whole
 * steps lines up with the canary's. Each step covers {@code (end - step, end]}.
 */
public record StepGrid(Instant first, Instant last, Duration step) {

    /** The steps ending in {@code (from, to]}; empty when none does (the window is shorter than a step). */
    public static Optional<StepGrid> within(Instant from, Instant to, Duration step) {
        long s = step.toMillis();
        Instant first = Instant.ofEpochMilli((Math.floorDiv(from.toEpochMilli(), s) + 1) * s);
        Instant last = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli(), s) * s);
        return first.isAfter(last) ? Optional.empty() : Optional.of(new StepGrid(first, last, step));
    }

    /** The same steps {@code shift} earlier. */
    public StepGrid earlier(Duration shift) {
        return new StepGrid(first.minus(shift), last.minus(shift), step);
    }

    /** How many steps: both ends included. */
    public long points() {
        return Duration.between(first, last).toMillis() / step.toMillis() + 1;
    }
}
