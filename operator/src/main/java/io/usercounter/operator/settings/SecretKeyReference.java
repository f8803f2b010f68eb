package io.usercounter.operator.settings;

import io.usercounter.operator.api.v1alpha1.UserCounterSpec;
import java.util.ArrayList;
import java.util.List;

/** One key of a Secret that a UserCounter's spec points at, with the spec field that points there. */
public record SecretKeyReference(String secretName, String key, String field) {

    public static final String MYSQL_USERNAME = "spec.mysql.credentialsSecretRef.usernameKey";
    public static final String MYSQL_PASSWORD = "spec.mysql.credentialsSecretRef.passwordKey";
    public static final String REDIS_PASSWORD = "spec.redis.passwordSecretRef.key";
    public static final String AUTH_TOKEN = "spec.auth.tokenSecretRef.key";

    public static List<SecretKeyReference> allOf(UserCounterSpec spec) {
        var references = new ArrayList<SecretKeyReference>();
        var credentials = spec.getMysql() != null ? spec.getMysql().getCredentialsSecretRef() : null;
        if (credentials != null) {
            references.add(new SecretKeyReference(credentials.getName(), credentials.getUsernameKey(), MYSQL_USERNAME));
            references.add(new SecretKeyReference(credentials.getName(), credentials.getPasswordKey(), MYSQL_PASSWORD));
        }
        var redisPassword = spec.getRedis() != null ? spec.getRedis().getPasswordSecretRef() : null;
        if (redisPassword != null) {
            references.add(new SecretKeyReference(redisPassword.getName(), redisPassword.getKey(), REDIS_PASSWORD));
        }
        var authToken = spec.getAuth() != null ? spec.getAuth().getTokenSecretRef() : null;
        if (authToken != null) {
            references.add(new SecretKeyReference(authToken.getName(), authToken.getKey(), AUTH_TOKEN));
        }
        return references;
    }
}
