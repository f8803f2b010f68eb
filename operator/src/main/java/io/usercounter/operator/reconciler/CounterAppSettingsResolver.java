package io.usercounter.operator.reconciler;

import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.RedisSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterSpec;
import io.usercounter.operator.dependent.CounterAppSettings;
import io.usercounter.operator.dependent.SyncInterval;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Turns a UserCounter's spec and its referenced Secrets into the settings its pods see (DESIGN 3.3). */
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
        Consistency consistency = spec.getConsistency() != null ? spec.getConsistency() : Consistency.Strong;
        return new CounterAppSettings(
                spec.getImage() != null ? spec.getImage() : defaultImage,
                consistency.appValue(),
                SyncInterval.appValue(SyncInterval.parse(spec.getSyncInterval() != null ? spec.getSyncInterval() : "30s")),
                keyPrefix(userCounter),
                "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getPort() + "/" + mysql.getDatabase(),
                required(secrets, credentials.getName(), credentials.getUsernameKey()),
                required(secrets, credentials.getName(), credentials.getPasswordKey()),
                redisUrl(spec.getRedis(), secrets));
    }

    /** Unique per namespace and name, so that instances sharing one Redis never see each other's keys. */
    static String keyPrefix(UserCounter userCounter) {
        return "uc-" + userCounter.getMetadata().getNamespace() + "-" + userCounter.getMetadata().getName();
    }

    private static String redisUrl(RedisSpec redis, SecretLookup secrets) {
        var passwordRef = redis.getPasswordSecretRef();
        String userInfo = passwordRef == null ? ""
                : ":" + uriEncoded(required(secrets, passwordRef.getName(), passwordRef.getKey())) + "@";
        return "redis://" + userInfo + redis.getHost() + ":" + redis.getPort();
    }

    /** Percent-encoding for the URI's user info: URLEncoder's '+' for a space would reach Redis as a '+'. */
    private static String uriEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String required(SecretLookup secrets, String name, String key) {
        return secrets.value(name, key).orElseThrow(() ->
                new IllegalStateException("Secret " + name + " has no key " + key));
    }
}
