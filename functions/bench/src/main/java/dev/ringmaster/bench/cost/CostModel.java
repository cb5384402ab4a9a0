package dev.ringmaster.bench.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * What one rollout costs per day at a 5-minute tick, line by line, and what the stack costs a month with no rollout.
 * Quantities come from {@link Inputs} (measured by `bench runtime`, or stated assumptions); each line carries its price.
 */
public final class CostModel {
    public static final int TICKS_PER_DAY = 288;
    /** CloudWatch bills alarms and metrics by the hour over a 730-hour month. */
    static final double HOURS_PER_MONTH = 730;
    static final double GB = 1024.0 * 1024 * 1024;

    /**
     * @param warmTickMs          evaluate-gates' handler time on a warm container
     * @param coldStartMs         a container's start to its first answer (billed as init since Aug 2025)
     * @param coldStartsPerDay    containers started per day (assumption: Lambda keeps one warm between 5-minute ticks)
     * @param memoryMb            the functions' configured memory (infra Runtimes: 1,024 JVM, 256 native)
     * @param readUnitsPerTick    DynamoDB read request units per tick, counted
     * @param writeUnitsPerTick   DynamoDB write request units per tick, counted
     * @param logBytesPerTick     log bytes a tick writes, measured, plus Lambda's START/END/REPORT lines
     * @param otherInvocations    the other functions' invocations per rollout-day (assumption or simulated)
     * @param otherMs             their handler time each
     * @param otherReadUnits      DynamoDB read units each
     * @param otherWriteUnits     DynamoDB write units each
     * @param busEvents           custom events put on the ringmaster bus per rollout-day
     */
    public record Inputs(double warmTickMs, double coldStartMs, double coldStartsPerDay, int memoryMb, double readUnitsPerTick,
                         double writeUnitsPerTick, double logBytesPerTick, double otherInvocations, double otherMs, double otherReadUnits,
                         double otherWriteUnits, double busEvents) {
    }

    public record Line(String item, double quantity, Price price, double usd) {
    }

    private CostModel() {
    }

    public static List<Line> rolloutDay(Inputs in) {
        double invocations = TICKS_PER_DAY + in.otherInvocations();
        double seconds = (TICKS_PER_DAY * in.warmTickMs() + in.coldStartsPerDay() * in.coldStartMs() + in.otherInvocations() * in.otherMs()) / 1000;
        double gbSeconds = seconds * in.memoryMb() / 1024.0;
        double reads = TICKS_PER_DAY * in.readUnitsPerTick() + in.otherInvocations() * in.otherReadUnits();
        double writes = TICKS_PER_DAY * in.writeUnitsPerTick() + in.otherInvocations() * in.otherWriteUnits();
        double logGb = invocations * in.logBytesPerTick() / GB;
        List<Line> lines = new ArrayList<>();
        lines.add(line("Lambda invocations", invocations, Prices.LAMBDA_REQUEST));
        lines.add(line("Lambda GB-seconds", gbSeconds, Prices.LAMBDA_GB_SECOND));
        lines.add(line("DynamoDB read request units", reads, Prices.DYNAMODB_READ));
        lines.add(line("DynamoDB write request units", writes, Prices.DYNAMODB_WRITE));
        lines.add(line("EventBridge Scheduler invocations", TICKS_PER_DAY, Prices.SCHEDULER));
        lines.add(line("EventBridge custom events", in.busEvents(), Prices.CUSTOM_EVENT));
        lines.add(line("CloudWatch Logs ingested (GB)", logGb, Prices.LOG_INGESTION));
        lines.add(line("the rollout's no-tick alarm (alarm-months)", 24 / HOURS_PER_MONTH, Prices.ALARM));
        lines.add(line("the rollout's tick metric (metric-months)", 24 / HOURS_PER_MONTH, Prices.CUSTOM_METRIC));
        return lines;
    }

    /** The stack's own monthly cost, rollouts or not: its standing alarms and its secrets. */
    public static List<Line> idleMonth(int alarms, int secrets) {
        return List.of(line("standing alarms (function errors, DLQ depth)", alarms, Prices.ALARM),
                line("Secrets Manager secrets (webhook secrets)", secrets, Prices.SECRET));
    }

    /** The rollout's no-tick alarm and its tick metric: what -c noTickAlarm=false leaves out. */
    public static boolean perRolloutAlarm(Line line) {
        return line.price() == Prices.ALARM || line.price() == Prices.CUSTOM_METRIC;
    }

    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::usd).sum();
    }

    private static Line line(String item, double quantity, Price price) {
        return new Line(item, quantity, price, quantity * price.usd());
    }
}
