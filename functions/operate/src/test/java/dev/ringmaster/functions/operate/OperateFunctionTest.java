package dev.ringmaster.functions.operate;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** operate on DynamoDB Local, with EventBridge and Scheduler answered by WireMock: every sample in events/, as on-call pastes it. */
@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class OperateFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IAM_ARN = "arn:aws:sts::123456789012:assumed-role/OnCall/jane.doe";

    private static JsonNode post(String body) {
        return Fixtures.json(given().contentType("application/json").body(body).post().then().statusCode(200).extract().asString());
    }

    private static String sample(String command, String id) {
        return Fixtures.event("operate-" + command + ".json", id);
    }

    /** The sample with {@code field} set ({@code null} removes it). */
    private static String with(String body, String field, Object value) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(body);
            if (value == null) {
                n.remove(field);
            } else {
                n.set(field, JSON.valueToTree(value));
            }
            return n.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan of events/operate-start.json, named {@code id}. */
    private static String startPlan(String id) {
        return Fixtures.json(sample("start", id)).path("plan").asText();
    }

    /** The start sample's plan with a check metric reports feed (a deployment that reads report metrics starts it). */
    private static String reportPlan(String id) {
        return startPlan(id).replace("  phases:\n", "    smoke_tests: {kind: check}\n  phases:\n");
    }

    private static String seeded(String prefix, String plan, RolloutState state, int phase) {
        String id = Fixtures.id(prefix);
        Fixtures.seed(id, plan.replace("android-2-1-0", id), state, phase, Duration.ofMinutes(30));
        return id;
    }

    private static String started() {
        String id = Fixtures.id("op");
        JsonNode out = post(sample("start", id));
        assertTrue(out.path("accepted").asBoolean(), out.toString());
        return id;
    }

    private static HistoryEntry lastCommand(String id) {
        List<HistoryEntry> commands = Fixtures.history(id, HistoryEntry.Kind.COMMAND);
        return commands.get(commands.size() - 1);
    }

    /** A sample, the rollout it applies to, and who the history must name. */
    record Case(String file, Function<String, String> rollout, String operator, String origin) {
    }

    static List<Case> samples() {
        String plan = startPlan("android-2-1-0");
        return List.of(
                new Case("operate-start.json", id -> id, "jane.doe", "operator from the event"),
                new Case("operate-status.json", id -> started(), null, null),
                new Case("operate-pause.json", id -> seeded(id, plan, RolloutState.RUNNING, 0), "jane.doe", "operator from the event"),
                new Case("operate-pause-function-url.json", id -> seeded(id, plan, RolloutState.RUNNING, 0), IAM_ARN,
                        "operator from IAM " + IAM_ARN),
                new Case("operate-resume.json", id -> seeded(id, plan, RolloutState.PAUSED, 0), "jane.doe", "operator from the event"),
                new Case("operate-rollback.json", id -> seeded(id, plan, RolloutState.RUNNING, 1), "jane.doe", "operator from the event"),
                new Case("operate-promote.json", id -> seeded(id, plan, RolloutState.HALTED, 0), "jane.doe", "operator from the event"),
                new Case("operate-approve.json", id -> seeded(id, plan, RolloutState.RUNNING, 0), "release-board", "operator from the event"),
                new Case("operate-kill.json", id -> seeded(id, plan, RolloutState.COMPLETED, 2), "jane.doe", "operator from the event"),
                new Case("operate-kill-cohort.json", id -> seeded(id, plan, RolloutState.RUNNING, 0), "jane.doe", "operator from the event"),
                new Case("operate-kill-bus.json", id -> seeded(id, plan, RolloutState.RUNNING, 1), "alertmanager",
                        "operator from the event's detail, EventBridge source com.example.alerting"),
                new Case("operate-report.json", id -> seeded(id, reportPlan("android-2-1-0"), RolloutState.RUNNING, 0), "ci-bot",
                        "operator from the event"),
                new Case("operate-mark-fixed.json", id -> seeded(id, plan, RolloutState.ROLLED_BACK, 1), "jane.doe",
                        "operator from the event"));
    }

    @Test
    void everyOperateSample_isCovered() throws IOException {
        Path events = Path.of(System.getProperty("repository.root", "../..")).resolve("events");
        try (Stream<Path> files = Files.list(events)) {
            TreeSet<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("operate-"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(onDisk, samples().stream().map(Case::file).collect(Collectors.toCollection(TreeSet::new)),
                    "each events/operate-*.json sample has its case below");
        }
    }

    /** Issue 13: every operator command in events/ works against DynamoDB Local and is audited with its operator. */
    @Test
    void everyOperateSample_isAccepted_andTheHistoryNamesItsOperatorAndReason() {
        for (Case c : samples()) {
            String id = c.rollout().apply(Fixtures.id("op-sample"));
            String body = Fixtures.event(c.file(), id);
            long before = Fixtures.store().find(id).map(s -> s.rollout().version()).orElse(-1L);

            JsonNode out = post(body);

            assertTrue(out.path("accepted").asBoolean(), c.file() + ": " + out);
            assertFalse(out.path("message").asText().isBlank(), c.file());
            if (c.operator() == null) {
                assertEquals(before, out.path("version").asLong(), "status writes nothing");
                continue;
            }
            assertEquals(c.operator(), out.path("operator").asText(), c.file());
            HistoryEntry entry = lastCommand(id);
            assertEquals(c.operator(), entry.operator(), c.file() + ": " + entry);
            JsonNode command = Fixtures.json(body).has("body") ? Fixtures.json(Fixtures.json(body).path("body").asText())
                    : Fixtures.json(body).has("detail") ? Fixtures.json(body).path("detail") : Fixtures.json(body);
            String reason = command.path("reason").asText();
            assertTrue(entry.reasons().get(0).contains(reason + " (" + c.origin() + ")"), c.file() + ": " + entry.reasons());
        }
    }

    /** The samples in the order on-call uses them, on one rollout of the start sample's plan. */
    @Test
    void theConsoleSequence_onTheStartSamplesPlan() {
        String id = Fixtures.id("op-seq");
        List<String> samples = List.of("start", "status", "pause", "resume", "approve", "kill-cohort", "promote", "kill");
        List<String> states = samples.stream().map(s -> post(sample(s, id))).map(out -> {
            assertTrue(out.path("accepted").asBoolean(), out.toString());
            return out.path("state").asText();
        }).toList();

        assertEquals(List.of("RUNNING", "RUNNING", "PAUSED", "RUNNING", "RUNNING", "RUNNING", "COMPLETED", "ROLLING_BACK"), states);
        assertEquals(List.of("ENTER_PHASE", "HALT", "RESUME", "NONE", "KILL_COHORT", "COMPLETE", "KILL"),
                Fixtures.published(id).stream().map(e -> e.path("action").asText()).toList());
        assertEquals(1, Fixtures.rollout(id).approvedPhase(), "phase-2's entry approved");
        assertTrue(Fixtures.history(id, HistoryEntry.Kind.COMMAND).stream()
                .anyMatch(h -> h.what().equals("approve") && h.operator().equals("release-board")), "the approver is recorded");
    }

    @Test
    void start_storesTheRollout_schedulesItsTicks_andEntersPhaseOne() {
        String id = Fixtures.id("op-start");

        JsonNode out = post(sample("start", id));

        assertTrue(out.path("accepted").asBoolean(), out.toString());
        assertEquals("RUNNING", out.path("state").asText());
        assertEquals(RolloutState.RUNNING, Fixtures.rollout(id).state());
        LocalAws.aws().verify(1, postRequestedFor(urlEqualTo("/schedules/ringmaster-" + id)));
        JsonNode event = Fixtures.published(id).get(0);
        assertEquals("ENTER_PHASE", event.path("action").asText());
        assertEquals("jane.doe", event.path("operator").asText());
    }

    @Test
    void startOfAPlanNamingWhatThisDeploymentCannotReach_isRefused_namingIt() {
        String id = Fixtures.id("op-play");
        String plan = Fixtures.plan(id, Fixtures.GOOGLE_PLAY, 0, 200_000, Fixtures.SLACK + "\n    - {channel: in-app}");

        JsonNode out = post(with(sample("start", id), "plan", plan));

        assertFalse(out.path("accepted").asBoolean(), out.toString());
        assertEquals("cannot start: this deployment cannot carry out the plan: spec.target.type: no google-play adapter in this"
                + " deployment (configured: container-ring, feature-flag, manual); spec.notify[1].channel: no 'in-app' notifier in"
                + " this deployment (configured: email, slack, statuspage, teams, webhook)", out.path("reason").asText());
        assertTrue(Fixtures.store().find(id).isEmpty(), "nothing stored");
    }

    @Test
    void pauseResumeRollback_areAcceptedInTurn_andTheRollbackWaitsForItsTarget() {
        String id = started();

        JsonNode paused = post(sample("pause", id));
        JsonNode resumed = post(sample("resume", id));
        JsonNode rolledBack = post(sample("rollback", id));

        assertEquals("PAUSED", paused.path("state").asText(), paused.toString());
        assertEquals("RUNNING", resumed.path("state").asText(), resumed.toString());
        assertEquals("ROLLING_BACK", rolledBack.path("state").asText(), "rolled back once pause-store-rollout confirms it: " + rolledBack);
        assertEquals(List.of("ENTER_PHASE", "HALT", "RESUME", "ROLLBACK"),
                Fixtures.published(id).stream().map(e -> e.path("action").asText()).toList());
        LocalAws.aws().verify(0, deleteRequestedFor(urlPathEqualTo("/schedules/ringmaster-" + id)));
    }

    /** A refusal: the event, the rollout's state before it, and the answer word for word. */
    record Refusal(String rule, RolloutState state, int phase, Function<String, String> event, String reason) {
    }

    static List<Refusal> refusals() {
        return List.of(
                new Refusal("no resume of a COMPLETED rollout", RolloutState.COMPLETED, 2, id -> sample("resume", id),
                        "cannot resume: rollout {id} is COMPLETED: it already reached every user"),
                new Refusal("no pause of a PAUSED rollout", RolloutState.PAUSED, 0, id -> sample("pause", id),
                        "cannot pause: rollout {id} is PAUSED: only a RUNNING one"),
                new Refusal("no rollback of a ROLLED_BACK rollout", RolloutState.ROLLED_BACK, 1, id -> sample("rollback", id),
                        "cannot rollback: rollout {id} is ROLLED_BACK: it is rolled back already"),
                new Refusal("no second start", RolloutState.RUNNING, 0, id -> sample("start", id),
                        "cannot start: rollout {id} is already RUNNING: start applies to a PENDING rollout"),
                new Refusal("promote needs force", RolloutState.RUNNING, 0, id -> with(sample("promote", id), "force", false),
                        "cannot promote: force is not true: promote skips the gates; set \"force\": true with a \"reason\" (seed 004 emergency)"),
                new Refusal("promote with force needs a reason", RolloutState.RUNNING, 0, id -> with(sample("promote", id), "reason", " "),
                        "cannot promote: reason is required with force: it is recorded in the history with the operator"),
                new Refusal("no promote of a ROLLED_BACK rollout", RolloutState.ROLLED_BACK, 1, id -> sample("promote", id),
                        "cannot promote: rollout {id} is ROLLED_BACK"),
                new Refusal("approve needs the phase's checklist confirmed", RolloutState.RUNNING, 0,
                        id -> with(sample("approve", id), "checklistConfirmed", null),
                        "cannot approve: rollout {id} is RUNNING: the checklist of phase 'phase-2' is not confirmed: All health gates"
                                + " passed; No blocking issues (confirm the whole checklist, or each item)"),
                new Refusal("approve names the items left unconfirmed", RolloutState.RUNNING, 0,
                        id -> with(with(sample("approve", id), "checklistConfirmed", false), "checklist", List.of("all health gates passed")),
                        "cannot approve: rollout {id} is RUNNING: the checklist of phase 'phase-2' is not confirmed: No blocking issues"
                                + " (confirm the whole checklist, or each item)"),
                new Refusal("nothing to approve once COMPLETED", RolloutState.COMPLETED, 2, id -> sample("approve", id),
                        "cannot approve: nothing to approve: the rollout is COMPLETED"),
                new Refusal("approve only before a phase that asks for it", RolloutState.RUNNING, 1, id -> sample("approve", id),
                        "cannot approve: rollout {id} is RUNNING: phase 'phase-3' does not ask for approval; approve is accepted only in"
                                + " the phase just before one that does"),
                new Refusal("kill of a cohort the plan does not have", RolloutState.RUNNING, 0,
                        id -> with(sample("kill-cohort", id), "cohort", "gamma"),
                        "cannot kill: rollout {id} is RUNNING: no cohort 'gamma' in plan {id}; cohorts: [internal, beta, everyone]"),
                new Refusal("mark-fixed only after a rollback", RolloutState.RUNNING, 0, id -> sample("mark-fixed", id),
                        "cannot mark-fixed: only a ROLLED_BACK rollout is marked fixed; this one is RUNNING"),
                new Refusal("no report once COMPLETED", RolloutState.COMPLETED, 2, id -> sample("report", id),
                        "cannot report: rollout {id} is COMPLETED: a check result counts only while the rollout is under way"),
                new Refusal("report only of a check metric reports feed", RolloutState.RUNNING, 0,
                        id -> with(sample("report", id), "metric", "crash_rate"),
                        "cannot report: rollout {id} is RUNNING: metric 'crash_rate' is not a check metric of {id} that reports feed;"
                                + " its checks: [smoke_tests]"),
                new Refusal("report's result is pass or fail", RolloutState.RUNNING, 0, id -> with(sample("report", id), "result", "maybe"),
                        "cannot report: result: 'maybe' must be pass or fail"),
                new Refusal("a state-changing command needs an operator", RolloutState.RUNNING, 0,
                        id -> with(sample("pause", id), "operator", null),
                        "cannot pause: operator is required: the AWS console does not pass who you are; put your name in `operator`"),
                new Refusal("force is true or false", RolloutState.RUNNING, 0, id -> with(sample("promote", id), "force", "yes"),
                        "cannot promote: force: 'yes' must be true or false"),
                new Refusal("unknown commands list the commands", RolloutState.RUNNING, 0, id -> with(sample("pause", id), "command", "reboot"),
                        "cannot operate: unknown command 'reboot': one of start, pause, resume, rollback, promote, approve, kill, report,"
                                + " mark-fixed, status"));
    }

    @Test
    void everyCommandInAWrongState_isRefusedSayingWhy_andChangesNothing() {
        for (Refusal r : refusals()) {
            String id = seeded("op-no", reportPlan("android-2-1-0"), r.state(), r.phase());
            long version = Fixtures.rollout(id).version();

            JsonNode out = post(r.event().apply(id));

            assertFalse(out.path("accepted").asBoolean(), r.rule() + ": " + out);
            assertEquals(r.reason().replace("{id}", id), out.path("reason").asText(), r.rule());
            assertEquals(version, Fixtures.rollout(id).version(), r.rule() + ": nothing written");
            assertTrue(Fixtures.published(id).isEmpty(), r.rule() + ": nothing published");
        }
    }

    @Test
    void aRefusalTheCoreJudges_isInTheHistoryWithItsOperator() {
        String id = seeded("op-ref", startPlan("android-2-1-0"), RolloutState.COMPLETED, 2);

        post(sample("resume", id));

        List<HistoryEntry> refused = Fixtures.history(id, HistoryEntry.Kind.REFUSED);
        assertEquals(1, refused.size());
        assertEquals("jane.doe", refused.get(0).operator());
    }

    @Test
    void commandsOnAnUnknownRollout_areRefusedSayingWhy() {
        assertEquals("cannot pause: no rollout never-started: start it with its plan first",
                post(sample("pause", "never-started")).path("reason").asText());
        assertEquals("cannot status: no rollout never-started: start it with its plan first",
                post(sample("status", "never-started")).path("reason").asText());
        assertEquals("cannot start: plan is required: rollout never-started is not stored yet; put the plan's YAML text in \"plan\"",
                post(with(sample("start", "never-started"), "plan", null)).path("reason").asText());
        assertTrue(Fixtures.store().find("never-started").isEmpty());
    }

    /** Who the history names: an identity AWS gives, else the event's operator, else (on the bus) the event's source. */
    @Test
    void theOperatorComesFromAwsWhereItGivesOne_elseFromTheEvent() {
        record Who(String rule, Function<String, String> event, String operator, String origin) {
        }
        String url = "operate-pause-function-url.json";
        List<Who> cases = List.of(
                new Who("a function URL's IAM caller wins over the body's operator",
                        id -> withBody(Fixtures.event(url, id), "operator", "mallory"), IAM_ARN,
                        "operator from IAM " + IAM_ARN + " (the event named mallory)"),
                new Who("a Cognito identity names the person behind the role",
                        id -> withCognito(Fixtures.event(url, id), "eu-west-1:7d0c2f1e-0000-4000-8000-00000000beef"),
                        "eu-west-1:7d0c2f1e-0000-4000-8000-00000000beef",
                        "operator from Cognito identity eu-west-1:7d0c2f1e-0000-4000-8000-00000000beef"),
                new Who("a function URL without IAM auth: the body's operator",
                        id -> withBody(without(Fixtures.event(url, id), "authorizer"), "operator", "jane.doe"), "jane.doe",
                        "operator from the event"),
                new Who("the console: the event's operator", id -> sample("pause", id), "jane.doe", "operator from the event"),
                new Who("the bus: the detail's operator", id -> pauseOnTheBus(id, "alertmanager"), "alertmanager",
                        "operator from the event's detail, EventBridge source com.example.alerting"),
                new Who("the bus without an operator: the event's source", id -> pauseOnTheBus(id, null), "com.example.alerting",
                        "operator from the EventBridge source"));
        for (Who c : cases) {
            String id = seeded("op-who", startPlan("android-2-1-0"), RolloutState.RUNNING, 0);

            JsonNode out = post(c.event().apply(id));

            assertTrue(out.path("accepted").asBoolean(), c.rule() + ": " + out);
            assertEquals(c.operator(), lastCommand(id).operator(), c.rule());
            assertTrue(lastCommand(id).reasons().get(0).endsWith("(" + c.origin() + ")"), c.rule() + ": " + lastCommand(id).reasons());
            assertEquals(c.operator(), Fixtures.published(id).get(0).path("operator").asText(), c.rule());
        }
    }

    @Test
    void aFunctionUrlCallWithoutIamAuthOrOperator_isRefused_andStatusNeedsNoOperator() {
        String id = seeded("op-anon", startPlan("android-2-1-0"), RolloutState.RUNNING, 0);

        JsonNode pause = post(without(Fixtures.event("operate-pause-function-url.json", id), "authorizer"));
        JsonNode status = post(with(sample("status", id), "operator", null));

        assertEquals("cannot pause: operator is required: the AWS console does not pass who you are; put your name in `operator`",
                pause.path("reason").asText());
        assertTrue(status.path("accepted").asBoolean(), status.toString());
        assertTrue(status.path("message").asText().startsWith("RUNNING in phase 1"), status.toString());
    }

    @Test
    void report_recordsTheCheckResultTheGatesRead() {
        String id = seeded("op-rep", reportPlan("android-2-1-0"), RolloutState.RUNNING, 0);

        JsonNode out = post(sample("report", id));

        assertTrue(out.path("accepted").asBoolean(), out.toString());
        assertTrue(out.path("message").asText().startsWith("smoke_tests pass recorded for " + id + " in phase-1 at "), out.toString());
        HistoryEntry entry = lastCommand(id);
        assertEquals("report smoke_tests pass", entry.what());
        assertEquals(Map.of("operator", "ci-bot", "phase", "phase-1"), Map.of("operator", entry.operator(), "phase", entry.phase()));
        assertEquals(1, Fixtures.rollout(id).version(), "a report changes no state");
    }

    private static String pauseOnTheBus(String id, String operator) {
        JsonNode bus = Fixtures.json(Fixtures.event("operate-kill-bus.json", id));
        ObjectNode detail = (ObjectNode) Fixtures.json(sample("pause", id));
        detail.remove("operator");
        if (operator != null) {
            detail.put("operator", operator);
        }
        ((ObjectNode) bus).set("detail", detail);
        return bus.toString();
    }

    private static String withBody(String envelope, String field, String value) {
        ObjectNode n = (ObjectNode) Fixtures.json(envelope);
        n.put("body", with(n.path("body").asText(), field, value));
        return n.toString();
    }

    private static String withCognito(String envelope, String identityId) {
        ObjectNode n = (ObjectNode) Fixtures.json(envelope);
        ((ObjectNode) n.path("requestContext").path("authorizer").path("iam")).set("cognitoIdentity",
                JSON.valueToTree(Map.of("identityId", identityId, "identityPoolId", "eu-west-1:0f0e0d0c-0000-4000-8000-000000000001",
                        "amr", List.of("authenticated"))));
        return n.toString();
    }

    private static String without(String envelope, String contextField) {
        ObjectNode n = (ObjectNode) Fixtures.json(envelope);
        ((ObjectNode) n.path("requestContext")).remove(contextField);
        return n.toString();
    }
}
