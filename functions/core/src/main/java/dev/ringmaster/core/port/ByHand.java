package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.Numbers;
import java.util.Optional;

/**
 * What a store release shows that ringmaster did not put there, against the audience of the phase it left live.
 * Shared by the Google Play adapter and its simulated twin, so a hand change reads the same in both.
 */
public final class ByHand {

    private ByHand() {
    }

    /**
     * A Play release, as the track shows it, against a live phase of {@code phasePercent}: halted, raised, completed or
     * removed in Play Console; empty when it is what ringmaster left.
     *
     * @param status   the release's status, or null when the track holds no release of the version codes
     * @param fraction its userFraction, null when it has none
     */
    public static Optional<String> play(String status, Double fraction, double phasePercent) {
        if (status == null) {
            return Optional.of("the release is no longer on the track (removed in Play Console); the phase is at "
                    + Numbers.plain(phasePercent) + " %");
        }
        double shown = fraction == null ? 100 : fraction * 100;
        return switch (status) {
            case "halted" -> Optional.of("halted in Play Console at " + Numbers.plain(shown) + " %");
            case "completed" -> phasePercent >= 100 ? Optional.empty()
                    : Optional.of("completed in Play Console: every user gets it, the phase is at " + Numbers.plain(phasePercent) + " %");
            case "inProgress" -> Math.abs(shown - phasePercent) < 1e-6 ? Optional.empty()
                    : Optional.of((shown > phasePercent ? "raised" : "lowered") + " in Play Console to " + Numbers.plain(shown)
                    + " %; the phase is at " + Numbers.plain(phasePercent) + " %");
            default -> Optional.of("the release is " + status + " in Play Console; the phase is at " + Numbers.plain(phasePercent) + " %");
        };
    }
}
