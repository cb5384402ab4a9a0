package dev.ringmaster.cli;

import dev.ringmaster.core.plan.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Plan-style durations on the command line: 30s, 5m, 4h, 2d. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "bad duration '" + value + "': use a number and a unit s, m, h or d, like 30s"));
    }
}
