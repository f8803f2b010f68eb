package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.Map;

/** Names, labels and the controller owner reference every object made for a UserCounter carries (docs/architecture.md). */
public final class ManagedMetadata {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String APP_NAME = "counter-app";
    public static final String MANAGER = "usercounter-operator";
    /** Limits the dependents' informers to the objects this operator made. */
    public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGER;

    private ManagedMetadata() {}

    public static Map<String, String> labels(UserCounter userCounter) {
        return Map.of(
                NAME_LABEL, APP_NAME, INSTANCE_LABEL, userCounter.getMetadata().getName(), MANAGED_BY_LABEL, MANAGER);
    }

    /** Selects the pods of one UserCounter. */
    public static Map<String, String> podSelector(UserCounter userCounter) {
        return Map.of(
                NAME_LABEL, APP_NAME, INSTANCE_LABEL, userCounter.getMetadata().getName());
    }

    /** The metadata of an object named {@code name} owned by the UserCounter. */
    public static ObjectMeta forObject(UserCounter userCounter, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(userCounter.getMetadata().getNamespace())
                .withLabels(labels(userCounter))
                // controller: true is what lets garbage collection and kubectl treat the UserCounter as the owner
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(userCounter.getApiVersion())
                        .withKind(userCounter.getKind())
                        .withName(userCounter.getMetadata().getName())
                        .withUid(userCounter.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build();
    }

    public static String configSecretName(UserCounter userCounter) {
        return userCounter.getMetadata().getName() + UserCounter.CONFIG_SUFFIX;
    }
}
