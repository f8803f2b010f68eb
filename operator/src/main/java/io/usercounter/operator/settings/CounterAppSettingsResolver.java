package io.usercounter.operator.settings;

import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterSpec;
import java.util.Objects;
import java.util.Optional;

/** Turns a UserCounter's spec and its referenced Secrets into the settings its pods see (docs/architecture.md, the app's environment). */
public class CounterAppSettingsResolver {

    private final String defaultImage;

    public CounterAppSettingsResolver(String defaultImage) {
        this.defaultImage = Objects.requireNonNull(defaultImage);
    }

    /** Call only once {@link ReferencedSecretsExist} holds. */
    public CounterAppSettings resolve(UserCounter userCounter, SecretLookup secrets) {
        UserCounterSpec spec = userCounter.getSpec();
        var mysql = spec.getMysql();
        var credentials = mysql.getCredentialsSecretRef();
        var redis = spec.getRedis();
        return new CounterAppSettings(
                spec.getImage() != null ? spec.getImage() : defaultImage,
                spec.getConsistency().appValue(),
                SyncInterval.appValue(SyncInterval.parse(spec.getSyncInterval())),
                keyPrefix(userCounter),
                "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getPort() + "/" + mysql.getDatabase(),
                required(secrets, credentials.getName(), credentials.getUsernameKey()),
                required(secrets, credentials.getName(), credentials.getPasswordKey()),
                redis.getMode().appValue(),
                RedisUri.of(redis, optional(secrets, redis.getPasswordSecretRef())),
                optional(secrets, spec.getAuth() != null ? spec.getAuth().getTokenSecretRef() : null));
    }

    /** Unique per namespace and name, so that instances sharing one Redis never see each other's keys. */
    static String keyPrefix(UserCounter userCounter) {
        return "uc-" + userCounter.getMetadata().getNamespace() + "-"
                + userCounter.getMetadata().getName();
    }

    /** The value of an optional reference: empty when the spec sets none. */
    private static Optional<String> optional(SecretLookup secrets, SecretKeyRef reference) {
        return reference == null
                ? Optional.empty()
                : Optional.of(required(secrets, reference.getName(), reference.getKey()));
    }

    private static String required(SecretLookup secrets, String name, String key) {
        return secrets.value(name, key)
                .orElseThrow(() -> new IllegalStateException("Secret " + name + " has no key " + key));
    }
}
