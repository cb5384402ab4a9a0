package dev.ringmaster.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * Wall-clock time running {@code speed} times faster from an origin, to watch a day of rollout in minutes.
 * The runner writes its clock next to its data so operator commands in other processes read the same time.
 */
final class ScaledClock extends Clock {
    private static final String FILE = "clock.properties";
    private final long originMillis;
    private final double speed;

    private ScaledClock(long originMillis, double speed) {
        this.originMillis = originMillis;
        this.speed = speed;
    }

    /** A new clock starting now, saved in {@code data} for the operator commands. */
    static ScaledClock startIn(Path data, double speed) {
        ScaledClock clock = new ScaledClock(System.currentTimeMillis(), speed);
        Properties p = new Properties();
        p.setProperty("originMillis", Long.toString(clock.originMillis));
        p.setProperty("speed", Double.toString(speed));
        try (var out = Files.newOutputStream(data.resolve(FILE))) {
            p.store(out, "the time of `ringmaster run`: operator commands use it too");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clock;
    }

    /** The runner's clock, or the wall clock when no runner has written one in {@code data}. */
    static Clock of(Path data) {
        Path file = data.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Clock.systemUTC();
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScaledClock(Long.parseLong(p.getProperty("originMillis")), Double.parseDouble(p.getProperty("speed")));
    }

    @Override
    public Instant instant() {
        long wall = System.currentTimeMillis();
        return Instant.ofEpochMilli(originMillis).plus(Duration.ofMillis((long) ((wall - originMillis) * speed)));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
