package dev.ringmaster.functions.operate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.PlanParser;
import java.util.List;

/**
 * An operator command (CONTRACTS.md §5, events/operate-*.json), read from the event with every field's type and
 * size checked.
 *
 * @param verb               start, pause, resume, rollback, promote, approve, kill, report, mark-fixed, status
 * @param operator           who asks, as the event names them (an identity AWS gives wins: see {@link Envelope})
 * @param reason             why; required by promote, recorded with every command
 * @param force              promote: skip to 100 % whatever the gates say
 * @param phase              start: the phase to start at (hotfix plans)
 * @param plan               start: the plan YAML text
 * @param checklistConfirmed start: the plan's pre-deployment checklist was confirmed; approve: the whole checklist
 *                           of the phase being approved was
 * @param checklist          approve: the checklist items confirmed one by one
 * @param cohort             kill: turn only this cohort's flag off (seed 004 per-cohort kill switch)
 * @param after              start: the rolled-back, fixed rollout this one restarts (seed 002)
 * @param metric             report: the check metric
 * @param result             report: pass or fail
 */
record OperateRequest(Verb verb, String rolloutId, String reason, boolean force, String operator, String phase, String plan,
                             boolean checklistConfirmed, List<String> checklist, String cohort, String after, String metric,
                             String result) {
    /** A reason is read in a notification and kept in the history, whose entries DynamoDB holds to 400 KB. */
    static final int REASON = 2000;
    static final int NAME = 256;
    static final int PLAN = 100_000;

    /** The command's name, first: every refusal after it says "cannot {command}: …". */
    static Verb verb(JsonNode command) {
        String name = new EventFields(command, "").text("command", NAME)
                .orElseThrow(() -> new InvalidEvent("command is required: one of " + Verb.list()));
        return Verb.of(name).orElseThrow(() -> new InvalidEvent("unknown command " + EventFields.shown("'" + name + "'")
                + ": one of " + Verb.list()));
    }

    static OperateRequest read(Verb verb, JsonNode command) {
        EventFields f = new EventFields(command, "");
        String id = f.text("rolloutId", NAME).filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidEvent("rolloutId is required: the plan's metadata.name, like android-2-1-0"));
        String after = f.text("after", NAME).filter(s -> !s.isBlank()).orElse(null);
        String result = f.text("result", NAME).map(String::trim).orElse(null);
        if (result != null && !result.equals("pass") && !result.equals("fail")) {
            throw new InvalidEvent("result: " + EventFields.shown("'" + result + "'") + " must be pass or fail");
        }
        return new OperateRequest(verb, rolloutId("rolloutId", id), f.text("reason", REASON).orElse(null), f.flag("force"),
                f.text("operator", NAME).map(String::trim).filter(s -> !s.isEmpty()).orElse(null),
                f.text("phase", NAME).filter(s -> !s.isBlank()).orElse(null), f.text("plan", PLAN).orElse(null),
                f.flag("checklistConfirmed"), f.texts("checklist", 50, 500),
                f.text("cohort", NAME).filter(s -> !s.isBlank()).orElse(null), after == null ? null : rolloutId("after", after),
                f.text("metric", NAME).map(String::trim).filter(s -> !s.isEmpty()).orElse(null), result);
    }

    private static String rolloutId(String field, String id) {
        if (!PlanParser.ROLLOUT_ID.matcher(id).matches()) {
            throw new InvalidEvent(field + ": " + EventFields.shown("'" + id + "'") + " is not a rollout id: lowercase letters,"
                    + " digits and '-', at most 63 (a plan's metadata.name)");
        }
        return id;
    }

    boolean hasReason() {
        return reason != null && !reason.isBlank();
    }
}
