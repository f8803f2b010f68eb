package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

/**
 * A Deployment's update strategy resolved to pod counts, as the Deployment controller does: maxSurge rounds up,
 * maxUnavailable rounds down, both default to 25%, and when both come out 0 one pod may be unavailable.
 */
record RolloutStrategy(boolean recreate, int maxSurge, int maxUnavailable) {

    static RolloutStrategy of(DeploymentStrategy strategy, int desired) {
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return new RolloutStrategy(true, 0, desired);
        }
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = pods(rolling == null ? null : rolling.getMaxSurge(), desired, true);
        int unavailable = pods(rolling == null ? null : rolling.getMaxUnavailable(), desired, false);
        return new RolloutStrategy(false, surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
    }

    private static int pods(IntOrString value, int desired, boolean roundUp) {
        if (value == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (!text.endsWith("%")) {
            throw new IllegalArgumentException(
                    "maxSurge/maxUnavailable must be a number or a percentage, not '" + text + "'");
        }
        double pods = desired * Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0;
        return (int) (roundUp ? Math.ceil(pods) : Math.floor(pods));
    }
}
