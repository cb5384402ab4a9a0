package dev.ringmaster.sim;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How long the runs spent in one phase before its gates let it go: from entering it (the start, or the previous
 * phase's ADVANCE) to its first decision past the gates (ADVANCE, WAIT_APPROVAL, WAIT_WINDOW or COMPLETE). The
 * soak is included: a phase never goes before it, whatever the gates say.
 *
 * @param reached     runs that entered the phase
 * @param passed      runs whose phase got past its gates
 * @param medianHours median over those runs, NaN when none
 */
public record PhaseTime(String phase, int reached, int passed, double medianHours) {
    private static final Set<String> PAST_GATES = Set.of("ADVANCE", "WAIT_APPROVAL", "WAIT_WINDOW", "COMPLETE");

    static List<PhaseTime> of(Plan plan, List<SimulationRun> runs) {
        List<PhaseTime> out = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            int reached = 0;
            List<Double> hours = new ArrayList<>();
            for (SimulationRun run : runs) {
                Instant entered = entered(plan, phase, run);
                if (entered == null) {
                    continue;
                }
                reached++;
                run.decisions().stream().filter(d -> d.phase().equals(phase.name()) && PAST_GATES.contains(d.decision())
                                && !d.at().isBefore(entered)).findFirst()
                        .ifPresent(d -> hours.add(Duration.between(entered, d.at()).toSeconds() / 3600.0));
            }
            out.add(new PhaseTime(phase.name(), reached, hours.size(), median(hours)));
        }
        return out;
    }

    /** The start for the first phase, else the previous phase's ADVANCE; null when the run never got there. */
    private static Instant entered(Plan plan, Phase phase, SimulationRun run) {
        int i = plan.phases().indexOf(phase);
        if (i == 0) {
            return run.start();
        }
        String previous = plan.phases().get(i - 1).name();
        return run.decisions().stream().filter(d -> d.phase().equals(previous) && d.decision().equals("ADVANCE"))
                .map(SimulationRun.DecisionMark::at).findFirst().orElse(null);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
