package io.usercounter.e2e.supervisor;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a kubelet would give a container: {@code envFrom} sources first, then {@code env}
 * entries on top, with Secret and ConfigMap references read through the API at start time.
 */
final class ContainerEnvironment {

    private final KubernetesClient client;

    ContainerEnvironment(KubernetesClient client) {
        this.client = client;
    }

    Map<String, String> resolve(String namespace, String podName, Container container) throws UnresolvableEnvironment {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            Map<String, String> values = source.getSecretRef() != null
                    ? secretData(
                            namespace,
                            source.getSecretRef().getName(),
                            Boolean.TRUE.equals(source.getSecretRef().getOptional()))
                    : configMapData(
                            namespace,
                            source.getConfigMapRef().getName(),
                            Boolean.TRUE.equals(source.getConfigMapRef().getOptional()));
            values.forEach((key, value) -> env.put(prefix + key, value));
        }
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValueFrom() == null
                    ? (variable.getValue() == null ? "" : variable.getValue())
                    : valueFrom(namespace, podName, variable.getName(), variable.getValueFrom());
            if (value != null) {
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    /** Returns null for an optional reference that is absent, as the kubelet leaves the variable unset. */
    private String valueFrom(String namespace, String podName, String variable, EnvVarSource source)
            throws UnresolvableEnvironment {
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            return key(
                    secretData(namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional())),
                    ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()),
                    "Secret " + namespace + "/" + ref.getName(),
                    variable);
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            return key(
                    configMapData(namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional())),
                    ref.getKey(),
                    Boolean.TRUE.equals(ref.getOptional()),
                    "ConfigMap " + namespace + "/" + ref.getName(),
                    variable);
        }
        if (source.getFieldRef() != null) {
            return switch (source.getFieldRef().getFieldPath()) {
                case "metadata.name" -> podName;
                case "metadata.namespace" -> namespace;
                case "status.podIP", "status.hostIP" -> "127.0.0.1";
                default ->
                    throw new UnresolvableEnvironment("env " + variable + ": fieldRef "
                            + source.getFieldRef().getFieldPath() + " is not supported by the supervisor");
            };
        }
        throw new UnresolvableEnvironment(
                "env " + variable + ": only secretKeyRef, configMapKeyRef and fieldRef are supported");
    }

    private static String key(Map<String, String> data, String key, boolean optional, String source, String variable)
            throws UnresolvableEnvironment {
        if (data.containsKey(key) || optional) {
            return data.get(key);
        }
        throw new UnresolvableEnvironment("couldn't find key " + key + " in " + source + " (env " + variable + ")");
    }

    private Map<String, String> secretData(String namespace, String name, boolean optional)
            throws UnresolvableEnvironment {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return absent("secret", namespace, name, optional);
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData()
                    .forEach((key, value) ->
                            data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        // a real API server folds stringData into data on write; the mock keeps it as sent
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private Map<String, String> configMapData(String namespace, String name, boolean optional)
            throws UnresolvableEnvironment {
        ConfigMap configMap =
                client.configMaps().inNamespace(namespace).withName(name).get();
        if (configMap == null) {
            return absent("configmap", namespace, name, optional);
        }
        return configMap.getData() == null ? Map.of() : new LinkedHashMap<>(configMap.getData());
    }

    private static Map<String, String> absent(String kind, String namespace, String name, boolean optional)
            throws UnresolvableEnvironment {
        if (optional) {
            return Map.of();
        }
        throw new UnresolvableEnvironment(kind + " \"" + namespace + "/" + name + "\" not found");
    }
}
