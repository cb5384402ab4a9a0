package dev.ringmaster.core.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * When deployments may happen (seed 003 "Deployment Timing"), in the wall-clock time of {@code zone}: an instant is
 * allowed iff it falls in some {@code allow} slot (or there are none) and in no {@code deny} slot.
 */
public record DeploymentWindows(ZoneId zone, List<WindowSlot> allow, List<WindowSlot> deny) {

    /** How far {@link #nextAllowed} looks before concluding the windows never open. */
    public static final Duration HORIZON = Duration.ofDays(400);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    public DeploymentWindows {
        Objects.requireNonNull(zone, "zone");
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    /** No windows: every instant is allowed. */
    public static DeploymentWindows always() {
        return new DeploymentWindows(ZoneOffset.UTC, List.of(), List.of());
    }

    public boolean allows(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        return (allow.isEmpty() || allow.stream().anyMatch(s -> s.contains(local)))
                && deny.stream().noneMatch(s -> s.contains(local));
    }

    /**
     * {@code t} if allowed, else the earliest later allowed instant, else empty when none lies within {@link #HORIZON}.
     * Allowed-ness only changes where local time crosses a slot boundary or midnight, or where the offset changes, so
     * only those candidate instants are examined, in order; slots are half-open, so a candidate is exactly the first
     * instant of the stretch that follows it.
     */
    public Optional<Instant> nextAllowed(Instant t) {
        if (allows(t)) {
            return Optional.of(t);
        }
        Instant horizon = t.plus(HORIZON);
        ZoneRules rules = zone.getRules();
        TreeSet<Instant> pending = new TreeSet<>();
        // The day before too: a backward offset change can put its late hours after t.
        for (LocalDate day = LocalDate.ofInstant(t, zone).minusDays(1); ; day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            // Candidates of later days are all after this day's first instant (offsets never jump back a whole day),
            // so everything before it is final and can be tried in order.
            while (!pending.isEmpty() && pending.first().isBefore(dayStart)) {
                Instant candidate = pending.pollFirst();
                if (allows(candidate)) {
                    return Optional.of(candidate);
                }
            }
            if (dayStart.isAfter(horizon)) {
                return Optional.empty();
            }
            candidates(day, rules).stream().filter(c -> c.isAfter(t) && !c.isAfter(horizon)).forEach(pending::add);
        }
    }

    public WindowCheck check(Instant t, boolean hotfix) {
        if (hotfix) {
            return new WindowCheck(true, t, "security hotfix: deployment windows do not apply");
        }
        String when = at(t);
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        Optional<WindowSlot> denying = deny.stream().filter(s -> s.contains(local)).findFirst();
        if (denying.isEmpty()) {
            if (allow.isEmpty()) {
                return new WindowCheck(true, t, when + " is allowed (no deny slot applies)");
            }
            Optional<WindowSlot> allowing = allow.stream().filter(s -> s.contains(local)).findFirst();
            if (allowing.isPresent()) {
                return new WindowCheck(true, t, when + " is allowed (allow slot " + allowing.get().describe() + ")");
            }
        }
        String why = denying.map(s -> when + " is denied (deny slot " + s.describe() + ")")
                .orElseGet(() -> when + " is outside every allow slot (" + describeAll(allow) + ")");
        Optional<Instant> next = nextAllowed(t);
        return new WindowCheck(false, next.orElse(null), why + next.map(n -> "; next allowed " + at(n))
                .orElse("; no allowed time within " + HORIZON.toDays() + " days"));
    }

    /** Midnight, each slot boundary on {@code day}, and any offset change during it, as instants. */
    private Set<Instant> candidates(LocalDate day, ZoneRules rules) {
        Set<Instant> out = new HashSet<>();
        Stream.concat(Stream.of(LocalTime.MIDNIGHT), Stream.concat(allow.stream(), deny.stream())
                        .filter(s -> s.appliesOn(day))
                        .flatMap(s -> Stream.of(s.from(), s.to()))
                        .filter(Objects::nonNull))
                .forEach(time -> out.addAll(instantsOf(day.atTime(time), rules)));
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant nextDayStart = day.plusDays(1).atStartOfDay(zone).toInstant();
        for (ZoneOffsetTransition tr = rules.nextTransition(dayStart.minusNanos(1));
             tr != null && tr.getInstant().isBefore(nextDayStart);
             tr = rules.nextTransition(tr.getInstant())) {
            out.add(tr.getInstant());
        }
        return out;
    }

    /**
     * The instants at which local time reaches {@code local}: one normally, two in a fall-back overlap, and in a
     * spring-forward gap the transition itself, the first instant whose local time is past it.
     */
    private static List<Instant> instantsOf(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return List.of(rules.getTransition(local).getInstant());
        }
        return offsets.stream().map(local::toInstant).toList();
    }

    private String at(Instant t) {
        return LOCAL.format(t.atZone(zone)) + " " + zone.getId();
    }

    private static String describeAll(List<WindowSlot> slots) {
        return slots.stream().map(WindowSlot::describe).collect(Collectors.joining("; "));
    }
}
