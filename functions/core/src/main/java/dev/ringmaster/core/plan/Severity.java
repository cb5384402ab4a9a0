package dev.ringmaster.core.plan;

/** Halt-rule severity: only critical rules act; info and warning notify. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
