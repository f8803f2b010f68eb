package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.settings.CounterAppSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code <name>-config}: the connection settings the pods load with envFrom. */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class SecretDependent extends CRUDKubernetesDependentResource<Secret, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "config";

    public SecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(UserCounter userCounter, Context<UserCounter> context) {
        return desired(userCounter, CounterAppSettings.from(context));
    }

    Secret desired(UserCounter userCounter, CounterAppSettings settings) {
        return new SecretBuilder()
                .withMetadata(ManagedMetadata.forObject(userCounter, ManagedMetadata.configSecretName(userCounter)))
                .withType("Opaque")
                .withData(base64(settings.secretEnvironment()))
                .build();
    }

    /**
     * JOSDK's generic matcher accepts keys that exist only on the server, so a key dropped from the desired Secret
     * (the token after spec.auth is removed) would stay; the config Secret must hold exactly the desired entries.
     */
    @Override
    public Result<Secret> match(Secret actual, Secret desired, UserCounter primary, Context<UserCounter> context) {
        var generic = super.match(actual, desired, primary, context);
        boolean sameEntries = entries(actual.getData()).equals(entries(desired.getData()))
                && entries(actual.getStringData()).equals(entries(desired.getStringData()));
        return Result.computed(generic.matched() && sameEntries, desired);
    }

    /** An API server omits an empty map, so absent and empty are the same entries. */
    private static Map<String, String> entries(Map<String, String> map) {
        return Optional.ofNullable(map).orElse(Map.of());
    }

    private static Map<String, String> base64(Map<String, String> values) {
        var encoded = new TreeMap<String, String>();
        values.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }
}
