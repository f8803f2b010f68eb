package io.usercounter.operator.health;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Leader election's part of {@code /readyz}: the Lease names a holder that renewed it within its duration, this
 * replica (leading) or another (this one stands by). No replica can hold it when renewals and takeovers fail.
 */
public final class LeaseHeld implements BooleanSupplier {

    private final Resource<Lease> lease;
    private final Clock clock;

    public LeaseHeld(KubernetesClient client, String namespace, String name, Clock clock) {
        this.lease = client.resources(Lease.class).inNamespace(namespace).withName(name);
        this.clock = clock;
    }

    @Override
    public boolean getAsBoolean() {
        try {
            return isHeld(lease.get(), clock.instant());
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /** As fabric8's LeaderElector decides that a Lease may be taken over, with the local clock. */
    static boolean isHeld(Lease lease, Instant now) {
        LeaseSpec spec = lease == null ? null : lease.getSpec();
        return spec != null
                && spec.getHolderIdentity() != null
                && !spec.getHolderIdentity().isBlank()
                && spec.getRenewTime() != null
                && spec.getLeaseDurationSeconds() != null
                && spec.getRenewTime()
                        .toInstant()
                        .plusSeconds(spec.getLeaseDurationSeconds())
                        .isAfter(now);
    }
}
