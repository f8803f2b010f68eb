package io.usercounter.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LeaseHeldTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aLeaseRenewedWithinItsDurationIsHeld() {
        assertThat(LeaseHeld.isHeld(lease("pod-a", NOW.minusSeconds(14), 15), NOW))
                .isTrue();
    }

    @Test
    void aLeaseNotRenewedForItsDurationIsNotHeld() {
        assertThat(LeaseHeld.isHeld(lease("pod-a", NOW.minusSeconds(15), 15), NOW))
                .isFalse();
    }

    @Test
    void aReleasedLeaseIsNotHeld() {
        assertThat(LeaseHeld.isHeld(lease("", NOW, 15), NOW)).isFalse();
    }

    @Test
    void anAbsentLeaseIsNotHeld() {
        assertThat(LeaseHeld.isHeld(null, NOW)).isFalse();
    }

    private static Lease lease(String holder, Instant renewed, int durationSeconds) {
        return new LeaseBuilder()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(durationSeconds)
                .withRenewTime(renewed.atZone(ZoneOffset.UTC))
                .endSpec()
                .build();
    }
}
