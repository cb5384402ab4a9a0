package dev.ringmaster.bench;

/** One GATES.md target: what it asks, the figure measured, and whether it is met. */
public record TargetCheck(String name, String goal, String figure, boolean met) {
}
