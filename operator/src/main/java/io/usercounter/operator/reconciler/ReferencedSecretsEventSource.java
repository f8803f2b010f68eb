package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.stream.Collectors;

/**
 * Watches the Secrets that UserCounters reference, so that creating or rotating one reconciles its users at once.
 * UserCounters are indexed by the Secrets they name; a Secret event maps back through that index.
 */
public final class ReferencedSecretsEventSource {

    public static final String NAME = "referenced-secrets";
    static final String INDEX = "usercounter.io/referenced-secret";

    private ReferencedSecretsEventSource() {
    }

    public static InformerEventSource<Secret, UserCounter> create(EventSourceContext<UserCounter> context) {
        var primaries = context.getPrimaryCache();
        primaries.addIndexer(INDEX, userCounter -> SecretKeyReference.allOf(userCounter.getSpec()).stream()
                .map(reference -> indexKey(userCounter.getMetadata().getNamespace(), reference.secretName()))
                .distinct()
                .toList());
        var configuration = InformerEventSourceConfiguration.from(Secret.class, UserCounter.class)
                .withName(NAME)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(secret -> primaries
                        .byIndex(INDEX, indexKey(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The referenced Secrets in the UserCounter's namespace, read from this event source's cache. */
    public static SecretLookup lookup(Context<UserCounter> context, UserCounter userCounter) {
        var secrets = (InformerEventSource<Secret, UserCounter>) context.eventSourceRetriever()
                .getEventSourceFor(Secret.class, NAME);
        String namespace = userCounter.getMetadata().getNamespace();
        return name -> secrets.get(new ResourceID(name, namespace));
    }

    static String indexKey(String namespace, String name) {
        return namespace + "/" + name;
    }

}
