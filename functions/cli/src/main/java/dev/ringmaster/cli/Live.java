package dev.ringmaster.cli;

import dev.ringmaster.adapters.ingest.WebhookIngress;
import dev.ringmaster.adapters.live.LiveIngress;
import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.step.Ingest;
import org.eclipse.microprofile.config.ConfigProvider;

/** The real target adapters, from the same settings the Lambdas read (docs/targets.md), for {@code --targets live} and {@code rings}. */
final class Live {

    private Live() {
    }

    static LiveTargets targets() {
        return LiveTargets.from(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class), System.getenv());
    }

    /** The real metric sources, reached where each plan's spec.sources or the environment says (docs/sources.md). */
    static LiveSources sources() {
        return LiveSources.from(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class), System.getenv(), java.time.Clock.systemUTC());
    }

    /** The webhook ingress of {@code run --listen}: each kind's secret from RINGMASTER_WEBHOOK_SECRET_<KIND> (docs/webhooks.md). */
    static WebhookIngress ingress(Ingest ingest, java.time.Clock clock) {
        return LiveIngress.from(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class), System.getenv(), clock, ingest);
    }

    /** The live targets, with every metric source, channel and flag provider still simulated. */
    static Capabilities capabilities(LiveTargets live) {
        Capabilities all = Capabilities.everything();
        return new Capabilities(live.targets().keySet(), all.sources(), all.channels(), all.flagProviders());
    }
}
