package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.settings.SecretKeyReference;
import io.usercounter.operator.settings.SecretLookup;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches exactly the Secrets that UserCounters reference, so that creating or rotating one reconciles its users at
 * once, while no other Secret of the cluster is ever listed into memory. Each referenced Secret gets an informer of
 * its own, selected by {@code metadata.name} (a field selector, so the API server sends that one Secret only, even
 * when it does not exist yet); the informer is closed when no UserCounter references that Secret any more.
 * JOSDK hands this source every UserCounter event before the reconciler sees it, so the informers a reconciliation
 * reads are already in sync.
 */
final class ReferencedSecretsEventSource extends AbstractEventSource<Secret, UserCounter>
        implements ResourceEventAware<UserCounter> {

    public static final String NAME = "referenced-secrets";
    private static final Logger log = LoggerFactory.getLogger(ReferencedSecretsEventSource.class);

    private final KubernetesClient client;
    private final Map<ResourceID, Set<ResourceID>> referencesByUserCounter = new ConcurrentHashMap<>();
    private final Map<ResourceID, SharedIndexInformer<Secret>> informers = new HashMap<>();

    public ReferencedSecretsEventSource(KubernetesClient client) {
        super(Secret.class, NAME);
        this.client = client;
    }

    /** The referenced Secrets in the UserCounter's namespace, read from this event source's informers. */
    public static SecretLookup lookup(Context<UserCounter> context, UserCounter userCounter) {
        var source =
                (ReferencedSecretsEventSource) context.eventSourceRetriever().getEventSourceFor(Secret.class, NAME);
        // an informer whose start failed on the event thread is retried here, and its error fails the reconciliation
        source.watch(userCounter);
        String namespace = userCounter.getMetadata().getNamespace();
        return name -> source.find(new ResourceID(name, namespace));
    }

    @Override
    public void onResourceCreated(UserCounter userCounter) {
        watchOrLeaveToReconcile(userCounter);
    }

    @Override
    public void onResourceUpdated(UserCounter newUserCounter, UserCounter oldUserCounter) {
        watchOrLeaveToReconcile(newUserCounter);
    }

    @Override
    public void onResourceDeleted(UserCounter userCounter) {
        forget(ResourceID.fromResource(userCounter));
    }

    /** A failure here must not swallow the event JOSDK hands the reconciler next; the reconciler retries the watch. */
    private void watchOrLeaveToReconcile(UserCounter userCounter) {
        try {
            watch(userCounter);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not watch the Secrets of UserCounter {}; its reconciliation retries: {}",
                    ResourceID.fromResource(userCounter),
                    e.getMessage());
        }
    }

    /** Starts an informer for each Secret the UserCounter references and closes those nobody references any more. */
    synchronized void watch(UserCounter userCounter) {
        var secrets = referencedSecrets(userCounter);
        var previous = referencesByUserCounter.put(ResourceID.fromResource(userCounter), secrets);
        secrets.forEach(secret -> informers.computeIfAbsent(secret, this::inform));
        if (previous != null) {
            closeUnreferenced(previous);
        }
    }

    synchronized void forget(ResourceID userCounter) {
        var previous = referencesByUserCounter.remove(userCounter);
        if (previous != null) {
            closeUnreferenced(previous);
        }
    }

    Optional<Secret> find(ResourceID secret) {
        SharedIndexInformer<Secret> informer;
        synchronized (this) {
            informer = informers.get(secret);
        }
        return Optional.ofNullable(informer)
                .map(i -> i.getStore()
                        .getByKey(Cache.namespaceKeyFunc(secret.getNamespace().orElseThrow(), secret.getName())));
    }

    /** The Secrets this source holds in memory: the referenced ones that exist. */
    synchronized Set<ResourceID> cachedSecrets() {
        return informers.values().stream()
                .flatMap(informer -> informer.getStore().list().stream())
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    @Override
    public Set<Secret> getSecondaryResources(UserCounter userCounter) {
        return referencedSecrets(userCounter).stream()
                .flatMap(secret -> find(secret).stream())
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized void stop() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        referencesByUserCounter.clear();
        super.stop();
    }

    /** Healthy as JOSDK's own informers are: every one running, synced and watching. */
    @Override
    public synchronized Status getStatus() {
        return informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced() && i.isWatching())
                ? Status.HEALTHY
                : Status.UNHEALTHY;
    }

    /** Lists and watches one Secret by name; blocks until the initial list is in the store. */
    private SharedIndexInformer<Secret> inform(ResourceID secret) {
        return client.secrets()
                .inNamespace(secret.getNamespace().orElseThrow())
                .withName(secret.getName())
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Secret added) {
                                reconcileUsersOf(secret);
                            }

                            @Override
                            public void onUpdate(Secret old, Secret updated) {
                                reconcileUsersOf(secret);
                            }

                            @Override
                            public void onDelete(Secret deleted, boolean finalStateUnknown) {
                                reconcileUsersOf(secret);
                            }
                        },
                        0);
    }

    private void reconcileUsersOf(ResourceID secret) {
        referencesByUserCounter.forEach((userCounter, secrets) -> {
            if (secrets.contains(secret)) {
                getEventHandler().handleEvent(new Event(userCounter));
            }
        });
    }

    private void closeUnreferenced(Collection<ResourceID> secrets) {
        for (ResourceID secret : secrets) {
            boolean referenced = referencesByUserCounter.values().stream().anyMatch(s -> s.contains(secret));
            if (!referenced) {
                Optional.ofNullable(informers.remove(secret)).ifPresent(SharedIndexInformer::close);
            }
        }
    }

    private static Set<ResourceID> referencedSecrets(UserCounter userCounter) {
        if (userCounter.getSpec() == null) {
            return Set.of();
        }
        String namespace = userCounter.getMetadata().getNamespace();
        return SecretKeyReference.allOf(userCounter.getSpec()).stream()
                .map(reference -> new ResourceID(reference.secretName(), namespace))
                .collect(Collectors.toUnmodifiableSet());
    }
}
