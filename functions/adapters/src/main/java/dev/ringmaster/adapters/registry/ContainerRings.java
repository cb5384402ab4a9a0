package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;

/** Target type {@code container-ring}: Amazon ECR registries through the ECR API, every other registry through the OCI API. */
public final class ContainerRings implements RolloutTarget {
    private final OciRegistryTarget oci;
    private final EcrRingTarget ecr;

    public ContainerRings(OciRegistryTarget oci, EcrRingTarget ecr) {
        this.oci = oci;
        this.ecr = ecr;
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        return of(target).enter(target, phase, version);
    }

    @Override
    public TargetState resume(Target target, Phase phase, String version) {
        return of(target).resume(target, phase, version);
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return of(target).halt(target, phase, version);
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return of(target).rollback(target, phase, version);
    }

    @Override
    public TargetState complete(Target target, String version) {
        return of(target).complete(target, version);
    }

    @Override
    public TargetState observe(Target target, String version) {
        return of(target).observe(target, version);
    }

    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        return of(target).hold(target, phase, version);
    }

    private RolloutTarget of(Target target) {
        return of(target.key("registry"));
    }

    /** The registry's kind of ring-tag target: ECR for {@code *.dkr.ecr.*.amazonaws.com}, OCI for every other. */
    RingTagTarget of(String registry) {
        return EcrRingTarget.handles(registry) ? ecr : oci;
    }
}
