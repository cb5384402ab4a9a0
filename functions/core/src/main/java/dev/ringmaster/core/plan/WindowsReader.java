package dev.ringmaster.core.plan;

import dev.ringmaster.core.window.DeploymentWindows;
import dev.ringmaster.core.window.WindowSlot;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code spec.windows} (seed 003 deployment timing): allow and deny slots in the plan's timezone. */
final class WindowsReader {
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private WindowsReader() {
    }

    static DeploymentWindows read(Node node, String path, Problems problems) {
        if (node == null) {
            return DeploymentWindows.always();
        }
        Fields f = Fields.of(node, path, problems, List.of("timezone", "allow", "deny"));
        f.rejectUnknown();
        ZoneId zone = f.string("timezone", true).flatMap(z -> zone(f, z)).orElse(ZoneId.of("UTC"));
        List<WindowSlot> allow = slots(f, "allow", problems);
        List<WindowSlot> deny = slots(f, "deny", problems);
        return new DeploymentWindows(zone, allow, deny);
    }

    private static Optional<ZoneId> zone(Fields f, String name) {
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            f.error("timezone", "unknown timezone '" + name + "'" + Suggest.hint(name, ZoneId.getAvailableZoneIds())
                    + ": use an IANA name like Europe/Berlin");
            return Optional.empty();
        }
    }

    private static List<WindowSlot> slots(Fields f, String key, Problems problems) {
        List<WindowSlot> out = new ArrayList<>();
        List<Node> items = f.items(key);
        for (int i = 0; i < items.size(); i++) {
            Fields s = Fields.of(items.get(i), f.child(key) + "[" + i + "]", problems, List.of("days", "from", "to", "dates"));
            s.rejectUnknown();
            int before = problems.size();
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : s.strings("days")) {
                int idx = DAYS.indexOf(d.toUpperCase(java.util.Locale.ROOT));
                if (idx < 0) {
                    s.error("days", "unknown day '" + d + "'" + Suggest.hint(d, DAYS) + "; use MON, TUE, WED, THU, FRI, SAT, SUN");
                } else {
                    days.add(DayOfWeek.of(idx + 1));
                }
            }
            Set<LocalDate> dates = new LinkedHashSet<>();
            for (String d : s.strings("dates")) {
                try {
                    dates.add(LocalDate.parse(d));
                } catch (DateTimeParseException e) {
                    s.error("dates", "bad date '" + d + "': use YYYY-MM-DD, like 2026-12-24");
                }
            }
            LocalTime from = s.string("from", false).map(t -> time(s, "from", t)).orElse(null);
            LocalTime to = s.string("to", false).map(t -> time(s, "to", t)).orElse(null);
            // "to" 00:00 or 24:00 is the end of the day, so it never ends before "from".
            if (from != null && to != null && !to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
                s.error("to", "slot ends at " + to + ", not after it starts at " + from + ": split an overnight slot in two");
            }
            if (!s.has("days") && !s.has("dates") && !s.has("from") && !s.has("to")) {
                problems.add(s.node(), s.path(), "a slot needs days, dates, from or to");
            }
            if (problems.size() == before) {
                out.add(new WindowSlot(days, from, to == null || to.equals(LocalTime.MIDNIGHT) ? null : to, dates));
            }
        }
        return out;
    }

    private static LocalTime time(Fields s, String key, String text) {
        if (!TIME.matcher(text).matches()) {
            s.error(key, "bad time '" + text + "': use HH:MM on a 24-hour clock, like 09:30 or 16:00");
            return null;
        }
        return text.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(text);
    }
}
