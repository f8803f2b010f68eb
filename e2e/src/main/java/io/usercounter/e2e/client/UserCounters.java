package io.usercounter.e2e.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** UserCounter resources read generically, so the suite checks the wire contract rather than the operator's classes. */
public final class UserCounters {

    public static final String API_VERSION = "usercounter.io/v1alpha1";
    public static final String KIND = "UserCounter";

    private UserCounters() {}

    public static MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            of(KubernetesClient client) {
        return client.genericKubernetesResources(API_VERSION, KIND);
    }

    /** A condition of the status, as {type, status, reason, message, ...}. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> condition(GenericKubernetesResource resource, String type) {
        if (resource == null || !(resource.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return Optional.empty();
        }
        Object conditions = status.get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(c -> (Map<String, Object>) c)
                .filter(c -> type.equals(c.get("type")))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public static boolean isReady(GenericKubernetesResource resource) {
        return condition(resource, "Ready")
                .map(c -> "True".equals(c.get("status")))
                .orElse(false);
    }

    /** Waits for Ready=True; on timeout the error carries the last status seen. */
    public static GenericKubernetesResource awaitReady(
            KubernetesClient client, String namespace, String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        GenericKubernetesResource last = null;
        while (Instant.now().isBefore(deadline)) {
            last = of(client).inNamespace(namespace).withName(name).get();
            if (isReady(last)) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("UserCounter " + namespace + "/" + name + " not Ready after "
                + timeout.toSeconds() + "s; status: " + (last == null ? "resource not found" : status(last)));
    }
}
