package dev.ringmaster.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void haltedMessage_readsAsABriefing_withEverySectionInOrder() {
        String expected = """
                [CRITICAL] android-2-1-0 2.1.0: halted in ring-3

                What happened
                  halt rule crash_rate ≤ 0.005 for 15m FAIL: 0.0081 (41 of 5,062 sessions), 95% upper 0.0110
                  halting at ring-3 (10%): the store rollout stops where it is

                Rollout
                  Rollout:  android-2-1-0
                  App:      com.example.vpn
                  Version:  2.1.0
                  Phase:    ring-3
                  Audience: 10%
                  State:    HALTED
                  Event:    halted (critical)

                Verdicts
                  - gate crash_rate ≤ 0.005: FAIL 0.0081 (41/5062)
                  - gate latency_p95 ≤ 110% of baseline: PASS 1.02×

                Next
                  Stopped at 10%: nothing advances until someone resumes, rolls back or promotes.

                What you can do
                  Resume:
                    CLI:     ringmaster resume android-2-1-0 --reason "…"
                    operate: {"command":"resume","rolloutId":"android-2-1-0","reason":"…"}
                  Roll back:
                    CLI:     ringmaster rollback android-2-1-0 --reason "…"
                    operate: {"command":"rollback","rolloutId":"android-2-1-0","reason":"…"}
                  Status:
                    CLI:     ringmaster status android-2-1-0
                    operate: {"command":"status","rolloutId":"android-2-1-0"}
                """;

        assertEquals(expected, MessageText.plain(SampleMessages.halted()));
    }

    @Test
    void reasonsThatAreTheText_areSaidOnce_otherTextKeepsItsWhy() {
        assertFalse(MessageText.plain(SampleMessages.halted()).contains("\nWhy\n"), "the notify step sends the reasons as the text");

        Message notes = new Message("android-2-1-0", NotifyEvent.ADVANCED, "android-2-1-0 2.1.0: advanced in ring-2",
                "Try the new VPN picker.", dev.ringmaster.core.plan.Severity.INFO, SampleMessages.halted().details());
        String plain = MessageText.plain(notes);

        assertTrue(plain.contains("What happened\n  Try the new VPN picker.\n"), plain);
        assertTrue(plain.contains("\nWhy\n  - halt rule crash_rate"), plain);
    }

    @Test
    void messageWithoutDetails_isItsHeadlineAndWhatIsKnown() {
        assertEquals("""
                [INFO] ios-5-0: started

                Rollout
                  Rollout:  ios-5-0
                  Event:    started (info)
                """, MessageText.plain(SampleMessages.bare()));
    }

    @Test
    void sections_markFieldsAndCommandsAsAligned_forFixedWidthLayouts() {
        List<MessageText.Section> sections = MessageText.sections(SampleMessages.halted());

        assertEquals(List.of("What happened", "Rollout", "Verdicts", "Next", "What you can do"),
                sections.stream().map(MessageText.Section::heading).toList());
        assertEquals(List.of(false, true, false, false, true), sections.stream().map(MessageText.Section::aligned).toList());
    }

    @Test
    void headline_isSeverityThenTitle() {
        assertEquals("[WARNING] android-2-1-0 2.1.0: held in ring-3", MessageText.headline(SampleMessages.of(NotifyEvent.HELD, "waiting")));
    }
}
