package dev.ringmaster.bench.cost;

/**
 * A public us-east-1 price, where it was read and whether it was checked against AWS's own pricing page.
 *
 * @param usd  dollars per {@code unit}
 * @param unit what is counted: "request", "GB-second", "request unit", "GB", "alarm-month", …
 */
public record Price(double usd, String unit, String source, boolean verified) {
}
