package dev.ringmaster.core.plan;

import java.math.BigDecimal;

/** Prints numbers the way a user wrote them: 0.005, not 5.0E-3. */
public final class Numbers {
    private Numbers() {
    }

    public static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits, for estimates and bounds in tables. */
    public static String sig(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
