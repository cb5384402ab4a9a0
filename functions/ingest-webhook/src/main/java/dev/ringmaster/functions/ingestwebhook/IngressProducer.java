package dev.ringmaster.functions.ingestwebhook;

import dev.ringmaster.adapters.ingest.WebhookIngress;
import dev.ringmaster.adapters.live.LiveIngress;
import dev.ringmaster.core.step.Ingest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** The ingress with each kind's secret resolved from its reference (ssm:/…, secretsmanager:…) on first use. */
@Singleton
public class IngressProducer {

    @Produces
    @Singleton
    WebhookIngress ingress(Ingest ingest, Clock clock) {
        return LiveIngress.from(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class).or(Optional::empty), System.getenv(),
                clock, ingest);
    }
}
