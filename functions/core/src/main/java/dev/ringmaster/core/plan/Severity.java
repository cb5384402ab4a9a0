package dev.ringmaster.core.plan;

/** Halt-rule severity: only critical rules act; info and warning notify. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
