package dev.ringmaster.functions.operate;

import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.step.DailyStatus;
import dev.ringmaster.core.step.Operate;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Step function operate: on-call's commands from the AWS console, with operator and reason recorded. */
public class OperateFunction {
    private static final String COMMANDS = "start, pause, resume, rollback, promote, approve, kill, mark-fixed, status";

    @Inject
    Operate operate;

    @Inject
    RolloutStore store;

    @Funq("operate")
    public OperateResult operate(OperateRequest envelope) {
        OperateRequest request = envelope == null ? null : envelope.unwrapped();
        if (request == null || request.rolloutId() == null || request.rolloutId().isBlank()) {
            return refused("rolloutId is required", null);
        }
        String id = request.rolloutId();
        String name = request.command() == null ? "" : request.command().trim().toLowerCase(Locale.ROOT);
        if (name.equals("status")) {
            return store.find(id).map(s -> new OperateResult(true, status(s.rollout()), null, s.rollout().state().name(),
                    s.rollout().version())).orElseGet(() -> refused("no rollout " + id, null));
        }
        Optional<Command.Type> type = type(name);
        if (type.isEmpty()) {
            return refused("unknown command '" + request.command() + "': one of " + COMMANDS
                    + (name.equals("report") ? " (report is given with `ringmaster report`; this build's operate does not take it)" : ""),
                    id);
        }
        Command command = new Command(type.get(), request.operator(), request.reason(), request.phase(),
                Boolean.TRUE.equals(request.checklistConfirmed()), Boolean.TRUE.equals(request.force()), request.cohort(), request.after());
        CommandResult result = operate.handle(id, command, request.plan());
        if (result instanceof CommandResult.Accepted a) {
            return new OperateResult(true, a.message(), null, a.rollout().state().name(), a.rollout().version());
        }
        return refused(((CommandResult.Refused) result).reason(), id);
    }

    private OperateResult refused(String reason, String id) {
        Optional<Rollout> r = id == null ? Optional.empty() : store.find(id).map(StoredRollout::rollout);
        return new OperateResult(false, null, reason, r.map(x -> x.state().name()).orElse(null), r.map(Rollout::version).orElse(-1L));
    }

    private static String status(Rollout r) {
        return r.state() + " in phase " + (r.phaseIndex() + 1) + (r.phaseEnteredAt() == null ? "" : " since " + r.phaseEnteredAt())
                + " (version " + r.version() + ")" + (r.reason() == null ? "" : ": " + r.reason())
                + (r.lastDecision() == null ? "" : "; last decision " + DailyStatus.decision(r.lastDecision()));
    }

    /** "mark-fixed", "mark_fixed" and "markfixed" are the same command. */
    static Optional<Command.Type> type(String name) {
        String key = name.replace("-", "").replace("_", "");
        return Arrays.stream(Command.Type.values()).filter(t -> t.name().replace("_", "").equalsIgnoreCase(key)).findFirst();
    }
}
