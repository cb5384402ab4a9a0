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
        if (v == 0) {
            return "0";
        }
        // Integer arithmetic on the unscaled digits: exact, and cheap enough for every verdict of every tick.
        int scale = 3 - (int) Math.floor(Math.log10(Math.abs(v)));
        long digits = Math.round(v * Math.pow(10, scale));
        return BigDecimal.valueOf(digits, scale).stripTrailingZeros().toPlainString();
    }
}
