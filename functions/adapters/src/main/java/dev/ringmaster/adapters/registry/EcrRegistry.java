package dev.ringmaster.adapters.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Amazon ECR private registry host, {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}: its account and region. */
record EcrRegistry(String account, String region) {
    private static final Pattern HOST = Pattern.compile("(?:https://)?(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/?");

    static Optional<EcrRegistry> of(String registry) {
        Matcher m = HOST.matcher(registry.strip());
        return m.matches() ? Optional.of(new EcrRegistry(m.group(1), m.group(2))) : Optional.empty();
    }
}
