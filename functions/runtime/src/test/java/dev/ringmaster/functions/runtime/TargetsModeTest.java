package dev.ringmaster.functions.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TargetsModeTest {

    @Test
    void simulated_isTheOnlyModeThisBuildStarts() {
        assertDoesNotThrow(() -> TargetsMode.check("simulated"));
    }

    @Test
    void anyOtherMode_failsStartupSayingWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TargetsMode.check("live"));
        assertEquals("ringmaster.targets=live: live store adapters are not in this build: set ringmaster.targets=simulated",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> TargetsMode.check(null));
    }
}
