package dev.ringmaster.functions.operate;

import dev.ringmaster.core.rollout.Command;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What operate takes from the console (CONTRACTS.md §5): the core's commands, plus report and status. */
enum Verb {
    START(Command.Type.START), PAUSE(Command.Type.PAUSE), RESUME(Command.Type.RESUME), ROLLBACK(Command.Type.ROLLBACK),
    PROMOTE(Command.Type.PROMOTE), APPROVE(Command.Type.APPROVE), KILL(Command.Type.KILL), REPORT(null),
    MARK_FIXED(Command.Type.MARK_FIXED), STATUS(null);

    /** The core command, or null for report (a history entry) and status (a read). */
    final Command.Type type;

    Verb(Command.Type type) {
        this.type = type;
    }

    /** As people type it and refusals say it: start, mark-fixed, … */
    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Everything but status writes to the rollout's history, so it needs who asked. */
    boolean writes() {
        return this != STATUS;
    }

    /** "mark-fixed", "mark_fixed", "markFixed" and the CLI's "fixed" are the same command; case and spacing aside. */
    static Optional<Verb> of(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
        if (key.equals("fixed")) {
            return Optional.of(MARK_FIXED);
        }
        return Arrays.stream(values()).filter(v -> v.name().replace("_", "").equalsIgnoreCase(key)).findFirst();
    }

    static String list() {
        return Arrays.stream(values()).map(Verb::key).collect(Collectors.joining(", "));
    }
}
