package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.email.EmailNotifier;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.notify.Notifiers;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.adapters.slack.SlackNotifier;
import dev.ringmaster.adapters.statuspage.StatuspageNotifier;
import dev.ringmaster.adapters.teams.TeamsNotifier;
import dev.ringmaster.adapters.webhook.SignedWebhookNotifier;
import dev.ringmaster.core.port.Notifier;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real channels (docs/notify-channels.md, docs/notifications.md): Slack, Teams, signed webhooks, Statuspage and
 * email through Amazon SES, each told where the plan's notify rule says. {@code testflight-notes} and {@code in-app}
 * have no adapter in a deployment: a plan naming them is refused at start. Used alike by the Lambdas and rehearsals.
 */
public final class LiveNotifiers {
    public static final String STATUSPAGE_URL = "ringmaster.statuspage.url";

    private LiveNotifiers() {
    }

    /** @param setting a setting by its dotted name; @param env the process environment (AWS_REGION, RINGMASTER_AWS_ENDPOINT) */
    public static Notifiers from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock) {
        AwsAccess aws = AwsAccess.of(setting, env);
        return from(setting, env, clock, AwsAccess.secrets(aws, env, clock), () -> {
            if (aws == null) {
                throw new IllegalStateException("email goes through Amazon SES, which needs an AWS region: set "
                        + LiveTargets.AWS_REGION + " or AWS_REGION");
            }
            return new EmailNotifier(aws.ses());
        });
    }

    /** With the given credential resolver and email sender (tests, stand-ins). */
    public static Notifiers from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock, Secrets secrets,
                                 Supplier<Notifier> email) {
        return from(setting, env, clock, secrets, email, Http.Policy.DEFAULT, wait -> Thread.sleep(wait.toMillis()));
    }

    /**
     * With the given retry policy and way to wait out Slack's pace: a rehearsal in virtual time waits on its own clock,
     * and its outage need not be waited out for real.
     */
    public static Notifiers from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock, Secrets secrets,
                                 Supplier<Notifier> email, Http.Policy policy, SlackNotifier.Sleeper pace) {
        Http http = new Http(Http.client(), policy, "notify");
        Map<String, Notifier> byChannel = new LinkedHashMap<>();
        byChannel.put("slack", new SlackNotifier(secrets, http, clock, SlackNotifier.apiBase(env), pace));
        byChannel.put("teams", new TeamsNotifier(secrets, http));
        byChannel.put("webhook", new SignedWebhookNotifier(secrets, http, clock));
        byChannel.put("statuspage", new StatuspageNotifier(secrets, http,
                setting.apply(STATUSPAGE_URL).map(URI::create).orElse(StatuspageNotifier.API)));
        byChannel.put("email", lazy(email));
        return new Notifiers(byChannel);
    }

    /** Made on the first message: a deployment that never emails builds no SES client. */
    private static Notifier lazy(Supplier<Notifier> made) {
        Notifier[] one = new Notifier[1];
        return (rule, message) -> {
            Notifier n;
            synchronized (one) {
                if (one[0] == null) {
                    one[0] = made.get();
                }
                n = one[0];
            }
            n.send(rule, message);
        };
    }
}
