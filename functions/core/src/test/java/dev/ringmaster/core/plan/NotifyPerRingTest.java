package dev.ringmaster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 000's comms per ring on its own plan: who hears which event in which ring. A ring's team channel
 * replaces the plan's; a ring that only adds its audience comms (TestFlight notes, in-app, status page) still
 * tells the team through the plan's notify.
 */
class NotifyPerRingTest {
    private static final Plan NESTORY = parse("events/plans/000-nestory-rings.yaml");

    static Plan parse(String file) {
        try {
            return PlanParser.parse(file, Files.readString(RepoFiles.root().resolve(file))).plan();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> rings() {
        return Stream.of(
                Arguments.of("seed 000 ring 0: the dev team's channel replaces the plan's", "ring-0", NotifyEvent.ADVANCED,
                        List.of("slack ssm:/nestory/slack/dev")),
                Arguments.of("seed 000 ring 2: the plan's #releases still hears the advance; TestFlight notes go to the beta group",
                        "ring-2", NotifyEvent.ADVANCED, List.of("slack ssm:/nestory/slack/releases", "testflight-notes ")),
                Arguments.of("seed 000 ring 2: a hold is for no one: TestFlight notes are written when the build arrives", "ring-2",
                        NotifyEvent.HELD, List.of()),
                Arguments.of("seed 000 ring 3: early access gets the in-app notice, the team its message", "ring-3", NotifyEvent.ADVANCED,
                        List.of("slack ssm:/nestory/slack/releases", "in-app ")),
                Arguments.of("seed 000 ring 3: the status page hears only that customers were affected", "ring-3",
                        NotifyEvent.CUSTOMERS_AFFECTED, List.of("statuspage kctbh9vrtdwd ssm:/nestory/statuspage-key")),
                Arguments.of("seed 000 ring 4: GA users are told of a rollback in the app", "ring-4", NotifyEvent.ROLLED_BACK,
                        List.of("slack ssm:/nestory/slack/releases", "in-app ")),
                Arguments.of("a target that did not take a rollback reaches every team channel, never the users", "ring-4",
                        NotifyEvent.ACTION_FAILED, List.of("slack ssm:/nestory/slack/releases")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rings")
    void tellsTheRingsAudienceAndTheTeam(String rule, String ring, NotifyEvent event, List<String> told) {
        Phase phase = NESTORY.phases().get(NESTORY.indexOf(ring));
        assertEquals(told, NESTORY.notifyIn(phase).stream().filter(n -> n.listensTo(event)).map(n -> n.channel() + " " + n.address()).toList());
    }

    @Test
    void anEmptyPhaseNotifySilencesThatPhase() {
        Plan plan = PlanParser.parse("p.yaml", """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: quiet}
                spec:
                  target: {type: manual}
                  phases:
                    - {name: dark, ring: ring-0, notify: []}
                    - {name: ga, audience: 100%}
                  notify: [{channel: slack, url: "ssm:/x/slack"}]
                """).plan();
        assertEquals(List.of(), plan.notifyIn(plan.phases().get(0)));
        assertEquals(1, plan.notifyIn(plan.phases().get(1)).size());
    }
}
