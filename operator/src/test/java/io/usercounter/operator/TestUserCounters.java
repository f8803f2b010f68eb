package io.usercounter.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.usercounter.operator.api.v1alpha1.Consistency;
import io.usercounter.operator.api.v1alpha1.CredentialsSecretRef;
import io.usercounter.operator.api.v1alpha1.MysqlSpec;
import io.usercounter.operator.api.v1alpha1.RedisSpec;
import io.usercounter.operator.api.v1alpha1.SecretKeyRef;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** UserCounters and Secrets as a user would apply them, for the tests. */
public final class TestUserCounters {

    public static final String MYSQL_SECRET = "mysql-creds";
    public static final String REDIS_SECRET = "redis-auth";

    private TestUserCounters() {}

    /** Eventual, 5s, two replicas, MySQL credentials from mysql-creds, a Redis password from redis-auth. */
    public static UserCounter userCounter(String namespace, String name) {
        var redis = new RedisSpec();
        redis.setHost("redis.infra");
        redis.setPasswordSecretRef(new SecretKeyRef(REDIS_SECRET, "password"));
        var mysql = new MysqlSpec();
        mysql.setHost("mysql.infra");
        mysql.setDatabase("counters_demo");
        mysql.setCredentialsSecretRef(new CredentialsSecretRef(MYSQL_SECRET, "username", "password"));
        var spec = new UserCounterSpec();
        spec.setReplicas(2);
        spec.setConsistency(Consistency.Eventual);
        spec.setSyncInterval("5s");
        spec.setRedis(redis);
        spec.setMysql(mysql);
        var userCounter = new UserCounter();
        userCounter.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        userCounter.setSpec(spec);
        return userCounter;
    }

    public static Secret secret(String namespace, String name, Map<String, String> values) {
        var data = new java.util.TreeMap<String, String>();
        values.forEach((key, value) ->
                data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withData(data)
                .build();
    }

    public static Secret mysqlSecret(String namespace, String password) {
        return secret(namespace, MYSQL_SECRET, Map.of("username", "counter", "password", password));
    }

    public static Secret redisSecret(String namespace, String password) {
        return secret(namespace, REDIS_SECRET, Map.of("password", password));
    }

    public static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
