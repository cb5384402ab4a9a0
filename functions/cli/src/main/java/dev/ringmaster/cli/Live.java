package dev.ringmaster.cli;

import dev.ringmaster.adapters.live.LiveSources;
import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.core.port.Capabilities;
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

    /** The live targets, with every metric source, channel and flag provider still simulated. */
    static Capabilities capabilities(LiveTargets live) {
        Capabilities all = Capabilities.everything();
        return new Capabilities(live.targets().keySet(), all.sources(), all.channels(), all.flagProviders());
    }
}
