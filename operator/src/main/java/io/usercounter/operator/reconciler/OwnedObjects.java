package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.dependent.PodMonitor;
import io.usercounter.operator.settings.ConfigHash;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The objects of the workflow a UserCounter controls, as the operator's caches see them (JOSDK puts what it just
 * created or updated there at once): two snapshots, one before and one after the workflow, tell what it created.
 */
record OwnedObjects(Map<String, HasMetadata> byKindAndName) {

    /** The kinds of the reconciler's dependents; OwnedObjectsTest fails when one is missing. */
    static final List<Class<? extends HasMetadata>> KINDS = List.of(
            Secret.class,
            Deployment.class,
            Service.class,
            Ingress.class,
            PodDisruptionBudget.class,
            NetworkPolicy.class,
            HorizontalPodAutoscaler.class,
            PodMonitor.class);

    static OwnedObjects of(UserCounter userCounter, Context<UserCounter> context) {
        String uid = userCounter.getMetadata().getUid();
        return new OwnedObjects(KINDS.stream()
                .flatMap(kind -> context.getSecondaryResources(kind).stream())
                // the referenced Secrets are secondary resources too, but not owned
                .filter(object -> object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> Boolean.TRUE.equals(owner.getController()) && uid.equals(owner.getUid())))
                .collect(Collectors.toMap(OwnedObjects::key, Function.identity(), (a, b) -> b)));
    }

    List<HasMetadata> createdSince(OwnedObjects before) {
        return byKindAndName.entrySet().stream()
                .filter(entry -> !before.byKindAndName.containsKey(entry.getKey()))
                .map(Map.Entry::getValue)
                .sorted((a, b) -> key(a).compareTo(key(b)))
                .toList();
    }

    Optional<String> configHash(String deploymentName) {
        return Optional.ofNullable(byKindAndName.get("Deployment/" + deploymentName))
                .map(deployment -> ((Deployment) deployment)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .map(annotations -> annotations.get(ConfigHash.ANNOTATION))
                .filter(Objects::nonNull);
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
