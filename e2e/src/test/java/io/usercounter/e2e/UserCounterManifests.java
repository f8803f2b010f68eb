package io.usercounter.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.usercounter.e2e.client.UserCounters;
import io.usercounter.e2e.cluster.ClusterTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The objects an application team applies: the MySQL credentials and API token Secrets and a UserCounter whose
 * writes need that token (docs/reference/usercounter.md), as plain maps.
 */
final class UserCounterManifests {

    static final String MYSQL_SECRET = "mysql-creds";
    static final String TOKEN_SECRET = "api-token";

    private UserCounterManifests() {}

    static Secret mysqlCredentials(String namespace, ClusterTarget.DatabaseAccount account) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(MYSQL_SECRET)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("username", account.username())
                .addToStringData("password", account.password())
                .build();
    }

    /** The bearer token every write to the service must carry (spec.auth.tokenSecretRef). */
    static Secret apiToken(String namespace, String token) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(TOKEN_SECRET)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("token", token)
                .build();
    }

    static GenericKubernetesResource userCounter(
            String namespace,
            String name,
            String database,
            String credentialsSecret,
            ClusterTarget.Stores stores,
            Optional<Map<String, Object>> ingress) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 2);
        spec.put("consistency", "Eventual");
        spec.put("syncInterval", "2s");
        spec.put("redis", Map.of("host", stores.redisHost(), "port", stores.redisPort()));
        spec.put(
                "mysql",
                Map.of(
                        "host",
                        stores.mysqlHost(),
                        "port",
                        stores.mysqlPort(),
                        "database",
                        database,
                        "credentialsSecretRef",
                        Map.of("name", credentialsSecret, "usernameKey", "username", "passwordKey", "password")));
        spec.put("auth", Map.of("tokenSecretRef", Map.of("name", TOKEN_SECRET, "key", "token")));
        ingress.ifPresent(i -> spec.put("ingress", i));
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(UserCounters.API_VERSION);
        resource.setKind(UserCounters.KIND);
        resource.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }
}
