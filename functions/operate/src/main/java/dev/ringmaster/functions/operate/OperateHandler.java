package dev.ringmaster.functions.operate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanError;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.step.DailyStatus;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PlanCache;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On-call's commands from the AWS console, a function URL or the bus (CONTRACTS.md §5): the event read and
 * checked, who asked found (see {@link Envelope}), then the core's {@link Operate} step, a check result recorded
 * ({@code report}) or the rollout read ({@code status}). Every answer is accepted with what was done, or refused
 * with "cannot {command}: " and why; a refusal changes nothing but the REFUSED line the core keeps in the history.
 */
public final class OperateHandler {
    /** The core's own wording, "cannot resume a COMPLETED rollout: …", said once as "cannot resume: rollout x is COMPLETED: …". */
    private static final Pattern CORE_CANNOT = Pattern.compile("cannot [^:]* rollout(?:: (.*))?", Pattern.DOTALL);

    private final Operate operate;
    private final RolloutStore store;
    private final PlanCache plans;
    private final Clock clock;

    public OperateHandler(Operate operate, RolloutStore store, PlanCache plans, Clock clock) {
        this.operate = operate;
        this.store = store;
        this.plans = plans;
        this.clock = clock;
    }

    public OperateResult handle(JsonNode event) {
        Envelope envelope;
        Verb verb;
        try {
            envelope = Envelope.open(event);
            verb = OperateRequest.verb(envelope.command());
        } catch (InvalidEvent e) {
            return new OperateResult(false, null, "cannot operate: " + e.getMessage(), null, -1, null);
        }
        OperateRequest request;
        try {
            request = OperateRequest.read(verb, envelope.command());
        } catch (InvalidEvent e) {
            return new OperateResult(false, null, "cannot " + verb.key() + ": " + e.getMessage(), null, -1, null);
        }
        Optional<Caller> caller = caller(envelope, request);
        if (verb.writes() && caller.isEmpty()) {
            return refused(request, null, "operator is required: the AWS console does not pass who you are; put your name in `operator`");
        }
        return switch (verb) {
            case STATUS -> status(request, caller.map(Caller::name).orElse(null));
            case REPORT -> report(request, caller.get());
            default -> command(request, caller.get());
        };
    }

    /** An identity AWS gives wins over a name in the event; on the bus, the event's source names the sender. */
    static Optional<Caller> caller(Envelope e, OperateRequest r) {
        if (e.aws() != null) {
            boolean other = r.operator() != null && !r.operator().equals(e.aws().name());
            return Optional.of(new Caller(e.aws().name(), e.aws().origin() + (other ? " (the event named " + r.operator() + ")" : "")));
        }
        if (r.operator() != null) {
            return Optional.of(new Caller(r.operator(), e.busSource() == null ? "operator from the event"
                    : "operator from the event's detail, EventBridge source " + e.busSource()));
        }
        return Optional.ofNullable(e.busSource()).map(s -> new Caller(s, "operator from the EventBridge source"));
    }

    private OperateResult command(OperateRequest q, Caller who) {
        if (q.verb() == Verb.PROMOTE && !q.force()) {
            return refused(q, who, "force is not true: promote skips the gates; set \"force\": true with a \"reason\" (seed 004 emergency)");
        }
        if (q.verb() == Verb.PROMOTE && !q.hasReason()) {
            return refused(q, who, "reason is required with force: it is recorded in the history with the operator");
        }
        boolean start = q.verb() == Verb.START;
        Command command = new Command(q.verb().type, who.name(), audited(q, who), start ? q.phase() : null, q.checklistConfirmed(),
                q.force(), q.verb() == Verb.KILL ? q.cohort() : null, start ? q.after() : null, q.checklist());
        Optional<Rollout> before = store.find(q.rolloutId()).map(StoredRollout::rollout);
        if (start && before.isEmpty()) {
            Optional<String> refused = badPlan(q);
            if (refused.isPresent()) {
                return refusal(q, who, refused.get(), before, false);
            }
        }
        CommandResult result = operate.handle(q.rolloutId(), command, start ? q.plan() : null);
        if (result instanceof CommandResult.Accepted a) {
            return new OperateResult(true, a.message(), null, a.rollout().state().name(), a.rollout().version(), who.name());
        }
        // A refused command wrote nothing but its REFUSED line: the rollout is as it was read.
        return refusal(q, who, ((CommandResult.Refused) result).reason(), before, true);
    }

    /** A rollout not stored yet starts from the event's plan: it must be there and valid. */
    private static Optional<String> badPlan(OperateRequest q) {
        if (q.plan() == null || q.plan().isBlank()) {
            return Optional.of("plan is required: rollout " + q.rolloutId() + " is not stored yet; put the plan's YAML text in \"plan\"");
        }
        ParseResult parsed = PlanParser.parse("plan", q.plan());
        if (parsed.ok()) {
            return Optional.empty();
        }
        List<String> errors = parsed.errors().stream().limit(3).map(PlanError::toString).map(s -> EventFields.shown(s, 300)).toList();
        int more = parsed.errors().size() - errors.size();
        return Optional.of("plan is not valid: " + String.join("; ", errors) + (more > 0 ? " (and " + more + " more)" : ""));
    }

    /**
     * {@code report}: a check metric's result, recorded as the CLI's {@code ringmaster report} records it; the gates
     * read the latest through {@link RecordedSignals}. No state changes, so the version stays.
     */
    private OperateResult report(OperateRequest q, Caller who) {
        if (q.metric() == null) {
            return refused(q, who, "metric is required: the check metric whose result this is");
        }
        if (q.result() == null) {
            return refused(q, who, "result is required: pass or fail");
        }
        Optional<StoredRollout> found = store.find(q.rolloutId());
        if (found.isEmpty()) {
            return refused(q, who, "no rollout " + q.rolloutId() + ": start it with its plan first");
        }
        Rollout r = found.get().rollout();
        if (r.state().terminal()) {
            return refusedInState(q, who, "a check result counts only while the rollout is under way");
        }
        Plan plan = plans.get(q.rolloutId(), found.get().planYaml());
        List<String> checks = RecordedSignals.reportedChecks(plan);
        if (!checks.contains(q.metric())) {
            return refusedInState(q, who, "metric " + EventFields.shown("'" + q.metric() + "'") + " is not a check metric of " + q.rolloutId()
                    + " that reports feed; its checks: " + checks);
        }
        Instant now = clock.instant();
        String phase = plan.phases().get(r.phaseIndex()).name();
        String why = q.hasReason() ? audited(q, who) : "reported by " + who.name() + " (" + who.origin() + ")";
        store.append(RecordedSignals.report(q.rolloutId(), now, r.version(), phase, q.metric(), q.result().equals("pass"), who.name(), why));
        return new OperateResult(true, q.metric() + " " + q.result() + " recorded for " + q.rolloutId() + " in " + phase + " at " + now
                + ": its gates judge the latest result", null, r.state().name(), r.version(), who.name());
    }

    private OperateResult status(OperateRequest q, String operator) {
        return store.find(q.rolloutId()).map(StoredRollout::rollout)
                .map(r -> new OperateResult(true, status(r), null, r.state().name(), r.version(), operator))
                .orElseGet(() -> refused(q, null, "no rollout " + q.rolloutId() + ": start it with its plan first"));
    }

    private static String status(Rollout r) {
        return r.state() + " in phase " + (r.phaseIndex() + 1) + (r.phaseEnteredAt() == null ? "" : " since " + r.phaseEnteredAt())
                + " (version " + r.version() + ")" + (r.reason() == null ? "" : ": " + r.reason())
                + (r.lastDecision() == null ? "" : "; last decision " + DailyStatus.decision(r.lastDecision()));
    }

    /** The reason as the history keeps it: what the operator said, and where their name came from. */
    private static String audited(OperateRequest q, Caller who) {
        return q.hasReason() ? q.reason().trim() + " (" + who.origin() + ")" : who.origin();
    }

    /** "cannot {command}: " and why: a missing or wrong field. The answer has the rollout's state as it is now. */
    private OperateResult refused(OperateRequest q, Caller who, String why) {
        return refusal(q, who, why, false);
    }

    /** "cannot {command}: " and why, when the rollout's state is why: the answer says the state. */
    private OperateResult refusedInState(OperateRequest q, Caller who, String why) {
        return refusal(q, who, why, true);
    }

    private OperateResult refusal(OperateRequest q, Caller who, String why, boolean sayState) {
        return refusal(q, who, why, store.find(q.rolloutId()).map(StoredRollout::rollout), sayState);
    }

    private static OperateResult refusal(OperateRequest q, Caller who, String why, Optional<Rollout> r, boolean sayState) {
        String reason = "cannot " + q.verb().key() + ": " + (sayState ? saying(why, q.rolloutId(), r) : why);
        return new OperateResult(false, null, reason, r.map(x -> x.state().name()).orElse(null), r.map(Rollout::version).orElse(-1L),
                who == null ? null : who.name());
    }

    /** The refusal, saying the rollout's state unless it already does. */
    static String saying(String why, String id, Optional<Rollout> rollout) {
        if (rollout.isEmpty()) {
            return why;
        }
        String state = "rollout " + id + " is " + rollout.get().state();
        Matcher core = CORE_CANNOT.matcher(why);
        if (core.matches()) {
            return core.group(1) == null ? state : state + ": " + core.group(1);
        }
        return why.contains(rollout.get().state().name()) ? why : state + ": " + why;
    }
}
