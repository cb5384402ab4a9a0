package dev.ringmaster.core.plan;

/**
 * What a gate or halt rule compares with: a fixed value, a multiple of the baseline, or a check that must pass.
 * {@code value} is the bound itself (0.005, 1.10); for {@link Type#PASS} it is unused.
 */
public record Bound(Type type, double value) {

    public enum Type {
        MAX("max", "≤"), MIN("min", "≥"), MAX_RELATIVE("maxRelative", "≤"), MIN_RELATIVE("minRelative", "≥"), PASS("pass", "=");

        public final String key;
        public final String symbol;

        Type(String key, String symbol) {
            this.key = key;
            this.symbol = symbol;
        }
    }

    public boolean relative() {
        return type == Type.MAX_RELATIVE || type == Type.MIN_RELATIVE;
    }

    /** true when a larger value is worse (max, maxRelative). */
    public boolean upper() {
        return type == Type.MAX || type == Type.MAX_RELATIVE;
    }

    public String describe() {
        return switch (type) {
            case PASS -> "passes";
            case MAX_RELATIVE, MIN_RELATIVE -> type.symbol + " " + Numbers.plain(value) + " × baseline";
            default -> type.symbol + " " + Numbers.plain(value);
        };
    }
}
