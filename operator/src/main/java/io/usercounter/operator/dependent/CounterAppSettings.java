package io.usercounter.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting the counter-app pods of one UserCounter see, resolved from its spec, the referenced Secrets and
 * the operator's default image. The reconciler resolves it once per reconciliation; the dependents read it.
 */
public record CounterAppSettings(
        String image,
        String consistency,
        String syncInterval,
        String keyPrefix,
        String datasourceUrl,
        String datasourceUsername,
        String datasourcePassword,
        String redisUrl) {

    /** Kept in the workflow context for the dependents of the reconciliation in progress. */
    public static CounterAppSettings from(Context<UserCounter> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(CounterAppSettings.class, CounterAppSettings.class);
    }

    /** What the config Secret holds: the values that carry credentials. */
    public Map<String, String> secretEnvironment() {
        return Map.of(
                "SPRING_DATASOURCE_URL", datasourceUrl,
                "SPRING_DATASOURCE_USERNAME", datasourceUsername,
                "SPRING_DATASOURCE_PASSWORD", datasourcePassword,
                "COUNTER_REDIS_URL", redisUrl);
    }

    /** What the Deployment declares as plain env. */
    public Map<String, String> plainEnvironment() {
        return Map.of(
                "COUNTER_CONSISTENCY", consistency,
                "COUNTER_SYNC_INTERVAL", syncInterval,
                "COUNTER_KEY_PREFIX", keyPrefix);
    }

    /** Every input of a pod, sorted, so that the config hash does not depend on map order. */
    Map<String, String> everything() {
        var all = new TreeMap<String, String>();
        all.putAll(secretEnvironment());
        all.putAll(plainEnvironment());
        all.put("image", image);
        return all;
    }

    /** Never prints a credential: the record's own toString would. */
    @Override
    public String toString() {
        return "CounterAppSettings[image=" + image + ", consistency=" + consistency + ", syncInterval=" + syncInterval
                + ", keyPrefix=" + keyPrefix + ", datasourceUrl=" + datasourceUrl + ", credentials=<redacted>]";
    }
}
