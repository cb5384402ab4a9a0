package dev.ringmaster.core.plan;

/** Seed 003's deployment strategy decision matrix. */
public enum Risk {
    ZERO, LOW, MEDIUM, HIGH
}
