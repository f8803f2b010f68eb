package io.usercounter.operator.dependent;

import io.usercounter.operator.TestUserCounters;
import io.usercounter.operator.api.v1alpha1.UserCounter;

/** {@code team-a/demo} as the API server returns it: with a uid. */
final class TestUserCounter {

    private TestUserCounter() {}

    static UserCounter demo() {
        var userCounter = TestUserCounters.userCounter("team-a", "demo");
        userCounter.getMetadata().setUid("0b1c2d3e-uid");
        userCounter.getMetadata().setGeneration(3L);
        return userCounter;
    }
}
