package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.live.LiveNotifiers;
import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.adapters.playvitals.PlayVitalsMetricSource;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.sim.ScenarioParser;
import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.Simulator;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.testkit.standin.ChatStandIn;
import dev.ringmaster.testkit.standin.PlayReportingStandIn;
import dev.ringmaster.testkit.standin.PrometheusStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's rehearsal: seed 002's Android plan on the whole chain, its crash rate read through the real Play
 * vitals adapter from a Play Developer Reporting stand-in, its connect metrics through the real Prometheus adapter
 * from a Prometheus stand-in (both serving what the scenario's truth sampled, tick by tick in virtual time), and its
 * messages sent by the real Slack and Teams adapters to a chat stand-in.
 */
class SignalsRehearsalTest {
    private static final String PLAN = "events/plans/002-android-staged.yaml";
    private static final String HOOK = "/services/T0VPN0001/B0REL0001/h7Qw2ZpX9kLm4Rt8Vb3Nc6Ys";
    private static final String FLOW = "/workflows/7e1d0c5b2a9f4e3d8c6b1a2f3e4d5c6b/triggers/manual/paths/invoke";
    private static final long CANARY = 2100;
    private static final long BASELINE = 2000;

    private final ChatStandIn chat = ChatStandIn.start();
    private final PrometheusStandIn prometheus = PrometheusStandIn.start();
    private final AtomicReference<MetricSource> truth = new AtomicReference<>();
    /** Each hour Play served for the canary: its crash rate, for seed 002's per-tick script. */
    private final Map<Instant, Double> servedCanaryRates = new java.util.TreeMap<>();
    private final PlayReportingStandIn play = PlayReportingStandIn.start("com.example.vpn", List.of(CANARY, BASELINE), this::vitals);
    private final Plan plan;
    private final String planYaml;

    SignalsRehearsalTest() throws Exception {
        planYaml = Files.readString(Path.of(RepoPaths.path(PLAN)));
        plan = PlanParser.parse(PLAN, planYaml).plan();
        play.setFreshness(Instant.parse("2100-01-01T00:00:00Z"));
    }

    @AfterEach
    void stop() {
        chat.close();
        prometheus.close();
        play.close();
    }

    @Test
    void aDoubledCrashRateHalts_onPlayVitals_andSlackAndTeamsHearItInOrder() throws Exception {
        SimulationRun run = rehearse("events/scenarios/android-noisy-bad-2x.yaml");

        assertEquals(RolloutState.HALTED, run.outcome().state(), run.decisions().toString());
        assertEquals(List.of("started", "held", "halted"), events(chat.slackMessages()),
                "#releases: the start, the first hold (soaking), then the halt");
        assertEquals(List.of("halted"), events(chat.teamsMessages()), "on-call (warning and up): the halt only");
        String halt = chat.slackMessages().get(2).body().toString();
        assertTrue(halt.contains("gate crash_rate ≤ 0.005 FAIL"), halt);
        assertTrue(halt.contains("ringmaster rollback android-2-1-0"), halt);
        assertTrue(play.queries().size() > 0 && prometheus.queries().stream().anyMatch(q -> q.contains("connect_fail_total{version=\"2.1.0\"}")));
    }

    @Test
    void aHealthyBuildWithTheSameNoiseCompletes_whereSeed002sScriptWouldHaveHaltedIt() throws Exception {
        SimulationRun run = rehearse("events/scenarios/android-noisy-healthy.yaml");

        assertEquals(RolloutState.COMPLETED, run.outcome().state(), run.decisions().toString());
        long over = servedCanaryRates.values().stream().filter(r -> r > 0.005).count();
        System.out.printf("signals rehearsal, healthy build: COMPLETED after %.1f h; seed 002's script would have failed %d of the %d "
                + "hourly crash rates Play served%n", run.hours(), over, servedCanaryRates.size());
        assertTrue(over > 0, "seed 002's script ('if CRASH_RATE > 0.005: exit 1') fails on " + over + " of the "
                + servedCanaryRates.size() + " hours Play served: it would have paused this healthy build");
        assertEquals(List.of("started", "held", "advanced", "held", "daily-status", "daily-status", "advanced", "completed"),
                events(chat.slackMessages()), "#releases: each phase, each day's status (seed 002), the end");
        assertEquals(List.of(), events(chat.teamsMessages()), "on-call hears nothing of a healthy rollout");
    }

    @Test
    void staleVitalsHoldTheRollout_andStatusSaysSo() throws Exception {
        play.setFreshness(Instant.parse("2026-12-01T10:00:00Z"));
        InMemoryRolloutStore store = new InMemoryRolloutStore();
        SimulationRun run = rehearse("events/scenarios/android-noisy-healthy.yaml", store, Duration.ofHours(30));

        assertEquals(RolloutState.RUNNING, run.outcome().state(), "held, neither advanced nor halted");
        StatusCommand status = new StatusCommand();
        status.rolloutId = plan.id();
        StringWriter out = new StringWriter();
        status.run(store, run.end(), new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertTrue(out.toString().contains("source stale: crash_rate: "), out.toString());
        assertTrue(out.toString().contains("in phase 1/3 'phase-1'"), out.toString());
    }

    @Test
    void aSlackOutageDuringTheHaltStillHalts() throws Exception {
        chat.down(true);
        SimulationRun run = rehearse("events/scenarios/android-noisy-bad-2x.yaml", new InMemoryRolloutStore(), Duration.ofHours(24));

        assertEquals(RolloutState.HALTED, run.outcome().state());
        assertTrue(run.targetState().endsWith("halted at 10 %"), run.targetState());
        assertEquals(List.of(), chat.slackMessages());
    }

    private SimulationRun rehearse(String scenario) throws Exception {
        return rehearse(scenario, new InMemoryRolloutStore(), null);
    }

    private SimulationRun rehearse(String scenarioFile, InMemoryRolloutStore store, Duration until) throws Exception {
        var scenario = ScenarioParser.parse(Path.of(RepoPaths.path(scenarioFile)));
        if (until != null) {
            scenario = ScenarioParser.parse(scenarioFile, Files.readString(Path.of(RepoPaths.path(scenarioFile)))
                    .replaceAll("(?m)^until: .*$", "until: " + until.toHours() + "h"));
        }
        serveConnectMetrics();
        Map<String, String> refs = Map.of(
                "VPN_PLAY_KEY", play.serviceAccountKeyJson(),
                "VPN_PROMETHEUS", "Bearer rehearsal",
                "VPN_SLACK", chat.url(HOOK),
                "VPN_TEAMS", chat.url(FLOW + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Rh3arsal"));
        // The plan's ssm:/ references, resolved as the stand-ins' own: ssm:/vpn/slack/releases → VPN_SLACK.
        Function<String, String> name = ref -> switch (ref) {
            case "ssm:/vpn/play/reporting-key" -> "VPN_PLAY_KEY";
            case "ssm:/vpn/prometheus/bearer" -> "VPN_PROMETHEUS";
            case "ssm:/vpn/slack/releases" -> "VPN_SLACK";
            case "ssm:/vpn/teams/oncall" -> "VPN_TEAMS";
            default -> ref;
        };
        LocalSecrets env = new LocalSecrets(refs, null);
        dev.ringmaster.adapters.secrets.Secrets secrets = ref -> env.resolve("env:" + name.apply(ref));
        Map<String, String> environment = Map.of(PlayVitalsMetricSource.ENDPOINT_ENV, play.endpoint().toString(),
                "RINGMASTER_SLACK_API_URL", chat.url("/api"));
        Function<String, Optional<String>> settings = key -> key.equals("ringmaster.prometheus.url")
                ? Optional.of(prometheus.url().toString()) : Optional.empty();
        // Slack's one message a second per channel is paced on the rehearsal's clock, where a second of waiting costs
        // nothing; an outage fails fast.
        Function<Clock, Notifier> channels = clock -> LiveNotifiers.from(settings, environment, clock, secrets, () -> {
            throw new IllegalStateException("no email in this plan");
        }, new Http.Policy(2, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(5)), wait -> { });
        Simulator.Signals signals = new Simulator.Signals((scenarioTruth, clock) -> {
            truth.set(scenarioTruth);
            LiveSources live = LiveSources.from(settings, environment, clock, secrets);
            return new Routed(live, scenarioTruth);
        }, channels);
        return new Simulator(planYaml, plan, scenario).on(new Simulator.Live(null, null, signals)).run(1, store, true);
    }

    /** Play vitals and Prometheus through the real adapters; webhook-fed critical bugs from the scenario (issue 13). */
    private record Routed(MetricSource live, MetricSource truth) implements MetricSource {
        @Override
        public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
            return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
        }

        @Override
        public List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
            boolean real = metric.source().equals("play-vitals") || metric.source().equals("prometheus");
            return (real ? live : truth).read(metric, release, from, to);
        }
    }

    /** One hour of crash data as Play reports it, from the scenario's ticks in that hour; none until the hour is over. */
    private synchronized Optional<double[]> vitals(String metric, long versionCode, Instant hourStart) {
        MetricSource source = truth.get();
        if (source == null || !metric.equals("crashRate")) {
            return Optional.empty();
        }
        List<Sample> ticks = source.read(plan.metrics().get("crash_rate"), plan.id(), plan.version(), hourStart, hourStart.plus(Duration.ofHours(1)));
        if (ticks.size() < 12) {
            return Optional.empty();
        }
        long bad = 0;
        long total = 0;
        for (Sample s : ticks) {
            Measure m = versionCode == CANARY ? s.canary() : s.baseline();
            if (m instanceof Measure.Counts c) {
                bad += c.bad();
                total += c.total();
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        double rate = bad / (double) total;
        if (versionCode == CANARY) {
            servedCanaryRates.put(hourStart, rate);
        }
        return Optional.of(new double[] {rate, total});
    }

    /** Each PromQL query of the plan, with $version the canary's, answers what the scenario sampled at that tick. */
    private void serveConnectMetrics() {
        serve("connect_failure_rate", "bad", m -> m instanceof Measure.Counts c ? OptionalDouble.of(c.bad()) : OptionalDouble.empty());
        serve("connect_failure_rate", "total", m -> m instanceof Measure.Counts c ? OptionalDouble.of(c.total()) : OptionalDouble.empty());
        serve("connection_time", "value", m -> m instanceof Measure.Value v ? OptionalDouble.of(v.value()) : OptionalDouble.empty());
        serve("session_duration", "value", m -> m instanceof Measure.Value v ? OptionalDouble.of(v.value()) : OptionalDouble.empty());
    }

    private void serve(String metric, String key, Function<Measure, OptionalDouble> pick) {
        MetricDef def = plan.metrics().get(metric);
        String query = String.valueOf(def.query().get(key)).replace("$version", plan.version());
        prometheus.serve(query, at -> {
            MetricSource source = truth.get();
            List<Sample> tick = source == null ? List.of() : source.read(def, plan.id(), plan.version(), at.minus(Duration.ofMinutes(5)), at);
            return tick.isEmpty() || tick.get(0).canary() == null ? OptionalDouble.empty() : pick.apply(tick.get(0).canary());
        });
    }

    private static List<String> events(List<ChatStandIn.Received> messages) {
        List<String> out = new ArrayList<>();
        for (ChatStandIn.Received m : messages) {
            out.add(event(m.body()));
        }
        return out;
    }

    /** The event a message is about, from its title: "android-2-1-0 2.1.0: halted in phase-1". */
    private static String event(JsonNode body) {
        String title = body.has("text") ? body.get("text").asText()
                : body.at("/attachments/0/content/body/0/text").asText();
        String afterColon = title.substring(title.indexOf(": ") + 2);
        return afterColon.substring(0, afterColon.indexOf(" in "));
    }
}
