package dev.ringmaster.adapters.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentChangeTest {

    @ParameterizedTest(name = "{0} ({1}) → {2}, impact {3}, components {4}")
    @CsvSource(nullValues = "-", value = {
            "halted,             CRITICAL, identified, major, degraded_performance",
            "alert,              WARNING,  identified, minor, degraded_performance",
            "alert,              INFO,     identified, none,  degraded_performance",
            "changed-by-hand,    CRITICAL, identified, major, degraded_performance",
            "rolled-back,        CRITICAL, identified, major, partial_outage",
            "killed,             CRITICAL, identified, major, partial_outage",
            "customers-affected, CRITICAL, identified, major, partial_outage",
            "incident,           CRITICAL, identified, major, partial_outage",
            "action-failed,      CRITICAL, identified, major, partial_outage",
            "rollback-slow,      CRITICAL, identified, major, partial_outage",
            "completed,          INFO,     resolved,   -,     operational",
            "resumed,            INFO,     resolved,   -,     operational",
            "fixed,              INFO,     resolved,   -,     operational",
            "started,            INFO,     monitoring, none,  operational",
            "advanced,           INFO,     monitoring, none,  operational",
            "promoted,           INFO,     monitoring, none,  operational",
            "paused,             WARNING,  monitoring, none,  operational",
            "held,               WARNING,  monitoring, none,  operational",
            "daily-status,       INFO,     monitoring, none,  operational"})
    void eachEvent_hasItsStatusImpactAndComponents(String event, Severity severity, String status, String impact, String components) {
        IncidentChange change = IncidentChange.of(NotifyEvent.of(event).orElseThrow(), severity);

        assertEquals(status, change.status());
        assertEquals(impact, change.impact());
        assertEquals(components, change.components());
    }

    @ParameterizedTest(name = "{0} onto an open {1} incident → {2}")
    @CsvSource(nullValues = "-", value = {
            "advanced,  identified,    identified, -,     -",
            "started,   investigating, investigating, -,  -",
            "advanced,  monitoring,    monitoring, none,  operational",
            "halted,    monitoring,    identified, major, degraded_performance",
            "completed, identified,    resolved,   -,     operational"})
    void progress_neverDowngradesAnOpenProblem(String event, String open, String status, String impact, String components) {
        NotifyEvent e = NotifyEvent.of(event).orElseThrow();
        IncidentChange change = IncidentChange.of(e, e.severity()).onto(open);

        assertEquals(status, change.status());
        assertEquals(impact, change.impact());
        assertEquals(components, change.components());
    }
}
