package dev.ringmaster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 12: where sources are reached and who hears what; every mistake named with its field and value. */
class SignalsConfigTest {
    private static final String BASE = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: android-2-1-0, app: com.example.vpn, version: "2.1.0"}
            spec:
              target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
              metrics:
                crash_rate: {kind: rate, source: play-vitals, query: {metric: crashRate}}
              phases:
                - {name: phase-1, audience: 10%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                - {name: phase-2, audience: 100%}
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a Prometheus bearer token is a reference, never the value",
                        "  sources: {prometheus: {url: \"https://prom.example\", headers: {Authorization: \"Bearer abc\"}}}",
                        "spec.sources.prometheus.headers.Authorization: an Authorization header is a secret: give an env:, file:, ssm:/ or secretsmanager: reference, not the value"),
                Arguments.of("a source URL with a password in it is refused without echoing the password",
                        "  sources: {prometheus: {url: \"https://admin:hunter2@prom.example\"}}",
                        "spec.sources.prometheus.url: url 'https://…@prom.example' carries a password: give it as a header reference"),
                Arguments.of("plain http reaches only this machine", "  sources: {sentry: {url: \"http://sentry.example\", org: acme, token: \"env:SENTRY\"}}",
                        "spec.sources.sentry.url: url 'http://sentry.example' must be https:// (plain http only to localhost or 127.0.0.1)"),
                Arguments.of("a Sentry organization is a slug", "  sources: {sentry: {org: Acme Corp, token: \"env:SENTRY\"}}",
                        "spec.sources.sentry.org: organization slug 'Acme Corp' must match [a-z0-9][a-z0-9_-]{0,49}"),
                Arguments.of("a CloudWatch region is a region name", "  sources: {cloudwatch: {region: frankfurt}}",
                        "spec.sources.cloudwatch.region: region 'frankfurt' is not an AWS region name like eu-central-1"),
                Arguments.of("an unknown source is named with the ones there are", "  sources: {datadog: {url: \"https://dd.example\"}}",
                        "spec.sources.datadog: unknown key 'datadog'"),
                Arguments.of("slack: a webhook or a bot token, not both",
                        "  notify: [{channel: slack, url: \"ssm:/hook\", token: \"ssm:/bot\", to: \"#releases\"}]",
                        "spec.notify[0].token: give 'url' (an incoming webhook) or 'token' and 'to' (chat.postMessage), not both"),
                Arguments.of("slack chat.postMessage needs the channel to post in", "  notify: [{channel: slack, token: \"ssm:/bot\"}]",
                        "spec.notify[0].token: chat.postMessage needs 'to': one channel (#releases or its id)"),
                Arguments.of("a statuspage rule needs its page and key", "  notify: [{channel: statuspage, page: abc123}]",
                        "spec.notify[0].channel: a statuspage rule needs 'page' (the page id) and 'token' (a reference to the API key)"),
                Arguments.of("an email rule needs a sender", "  notify: [{channel: email, to: [cto@example.com]}]",
                        "spec.notify[0].channel: an email rule needs 'from': an address verified in Amazon SES"),
                Arguments.of("a key another channel takes is named with the ones this channel takes",
                        "  notify: [{channel: email, to: [cto@example.com], from: r@example.com, page: abc}]",
                        "spec.notify[0].page: channel 'email' takes no 'page'; it takes to, from"),
                Arguments.of("severity is one of seed 002's alert levels", "  notify: [{channel: teams, url: \"env:TEAMS\", severity: high}]",
                        "spec.notify[0].severity: unknown severity 'high'; one of info, warning, critical"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void namesTheFieldAndTheValue(String rule, String yaml, String expected) {
        List<String> messages = PlanParser.parse("plan.yaml", BASE + yaml + "\n").errors().stream()
                .map(e -> e.path() + ": " + e.message()).toList();
        assertEquals(1, messages.size(), messages.toString());
        assertEquals(expected, messages.get(0).startsWith(expected) ? expected : messages.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void severityRouting(String rule, Severity least, NotifyEvent event, Severity level, boolean hears) {
        NotifyRule r = new NotifyRule("slack", "ssm:/hook", List.of(), least, List.of(), null, null, null, List.of(), null);
        assertEquals(hears, r.listensTo(event, level));
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("seed 002 info: a channel at info hears progress", Severity.INFO, NotifyEvent.ADVANCED, Severity.INFO, true),
                Arguments.of("seed 002 warning: a warning channel does not hear progress", Severity.WARNING, NotifyEvent.ADVANCED, Severity.INFO, false),
                Arguments.of("seed 002 warning: a warning channel hears a warning alert", Severity.WARNING, NotifyEvent.ALERT, Severity.WARNING, true),
                Arguments.of("seed 002 critical: a critical channel does not hear a warning alert", Severity.CRITICAL, NotifyEvent.ALERT, Severity.WARNING, false),
                Arguments.of("seed 002 critical: a critical channel hears a halt", Severity.CRITICAL, NotifyEvent.HALTED, Severity.CRITICAL, true));
    }
}
