package io.usercounter.operator.settings;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.Map;
import java.util.Optional;
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
        String redisMode,
        String redisUrl,
        Optional<String> authToken) {

    /** Kept in the workflow context for the dependents of the reconciliation in progress. */
    public static CounterAppSettings from(Context<UserCounter> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(CounterAppSettings.class, CounterAppSettings.class);
    }

    /** What the config Secret holds: the connection settings, and the credentials in them. */
    public Map<String, String> secretEnvironment() {
        var environment = new TreeMap<String, String>(Map.of(
                "SPRING_DATASOURCE_URL", datasourceUrl,
                "SPRING_DATASOURCE_USERNAME", datasourceUsername,
                "SPRING_DATASOURCE_PASSWORD", datasourcePassword,
                // the URL's syntax depends on the mode, so both change together
                "COUNTER_REDIS_MODE", redisMode,
                "COUNTER_REDIS_URL", redisUrl));
        authToken.ifPresent(token -> environment.put("COUNTER_AUTH_TOKEN", token));
        return environment;
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
                + ", keyPrefix=" + keyPrefix + ", datasourceUrl=" + datasourceUrl + ", redisMode=" + redisMode
                + ", authToken=" + (authToken.isPresent() ? "<redacted>" : "none") + ", credentials=<redacted>]";
    }
}
