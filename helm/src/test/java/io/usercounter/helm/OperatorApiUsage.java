package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a JOSDK reconciler does against the API server, read from its own classes the way JOSDK 5 acts on them:
 * the controller's watch and status patches on the primary resource, the @Workflow's dependents, and the event
 * sources the reconciler prepares.
 */
final class OperatorApiUsage {

    private static final Set<String> WATCH = Set.of("get", "list", "watch");

    private final Class<? extends Reconciler<?>> reconcilerClass;
    private final WorkflowGraph workflow;
    private final Map<Dependent, DependentResource<?, ?>> dependents = new LinkedHashMap<>();

    OperatorApiUsage(Class<? extends Reconciler<?>> reconcilerClass) {
        this.reconcilerClass = reconcilerClass;
        this.workflow = new WorkflowGraph(reconcilerClass);
        workflow.dependents().forEach(dependent -> dependents.put(dependent, instantiateWithNulls(dependent.type())));
    }

    /** The controller watches the primary resource and patches its status; with a finalizer it also patches it. */
    List<ApiAccess> primary() {
        Class<? extends HasMetadata> type = primaryResourceType();
        String source = "controller " + reconcilerClass.getSimpleName();
        Set<String> verbs = new LinkedHashSet<>(WATCH);
        if (usesFinalizer()) {
            verbs.addAll(List.of("patch", "update"));
        }
        return List.of(ApiAccess.of(source, type, "", verbs), ApiAccess.of(source, type, "status", Set.of("patch")));
    }

    /**
     * Each dependent's informer, plus create and patch (server-side apply creates through patch) for a Creator,
     * patch and update for an Updater, and delete for a Deleter that JOSDK may delete: when a condition does not
     * hold, or on cleanup when it is not left to garbage collection.
     */
    List<ApiAccess> dependents() {
        return dependents.entrySet().stream()
                .map(entry -> {
                    DependentResource<?, ?> resource = entry.getValue();
                    Set<String> verbs = new LinkedHashSet<>(WATCH);
                    if (resource instanceof Creator<?, ?>) {
                        verbs.addAll(List.of("create", "patch"));
                    }
                    if (resource instanceof Updater<?, ?>) {
                        verbs.addAll(List.of("patch", "update"));
                    }
                    if (resource instanceof Deleter<?>
                            && (workflow.mayDeleteInReconcile(entry.getKey()) || resource.isDeletable())) {
                        verbs.add("delete");
                    }
                    return ApiAccess.of(
                            "dependent " + entry.getKey().type().getSimpleName(),
                            OperatorApiUsage.<Class<? extends HasMetadata>>cast(resource.resourceType()),
                            "",
                            verbs);
                })
                .toList();
    }

    /**
     * JOSDK's CRD activation condition reads the dependent's CRD by name (cluster-scoped) before it registers the
     * dependent's informer.
     */
    List<ApiAccess> crdChecks() {
        return workflow.dependents().stream()
                .filter(dependent ->
                        CRDPresentActivationCondition.class.isAssignableFrom(dependent.activationCondition()))
                .map(dependent -> {
                    Class<? extends HasMetadata> type =
                            cast(dependents.get(dependent).resourceType());
                    return new ApiAccess(
                            "activation condition "
                                    + dependent.activationCondition().getSimpleName(),
                            "apiextensions.k8s.io",
                            "customresourcedefinitions",
                            HasMetadata.getFullResourceName(type),
                            Set.of("get"));
                })
                .toList();
    }

    /** The event sources the reconciler prepares besides its dependents' (for example a watch on referenced Secrets). */
    List<ApiAccess> eventSources() {
        Reconciler<HasMetadata> reconciler = cast(instantiateWithNulls(reconcilerClass));
        Class<HasMetadata> primaryType = cast(primaryResourceType());
        try (KubernetesClient unreachable = new KubernetesClientBuilder()
                .withConfig(
                        new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
                .build()) {
            var configuration = new BaseConfigurationService(null, null, unreachable).getConfigurationFor(reconciler);
            var context =
                    new EventSourceContext<>(indexerThatIgnoresIndexes(), configuration, unreachable, primaryType);
            List<EventSource<?, HasMetadata>> eventSources = reconciler.prepareEventSources(context);
            return eventSources.stream()
                    .map(eventSource -> ApiAccess.of(
                            "event source " + eventSource.name(),
                            OperatorApiUsage.<Class<? extends HasMetadata>>cast(eventSource.resourceType()),
                            "",
                            WATCH))
                    .toList();
        }
    }

    /** JOSDK keeps a finalizer on the primary for a Cleaner, or when the workflow has dependents to delete itself. */
    private boolean usesFinalizer() {
        return Cleaner.class.isAssignableFrom(reconcilerClass)
                || dependents.values().stream().anyMatch(DependentResource::isDeletable);
    }

    private Class<? extends HasMetadata> primaryResourceType() {
        return Arrays.stream(reconcilerClass.getGenericInterfaces())
                .filter(ParameterizedType.class::isInstance)
                .map(ParameterizedType.class::cast)
                .filter(type -> type.getRawType() == Reconciler.class)
                .map(type -> OperatorApiUsage.<Class<? extends HasMetadata>>cast(type.getActualTypeArguments()[0]))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(reconcilerClass + " does not implement Reconciler<P> directly"));
    }

    /**
     * Only the types and wiring matter here, so collaborators the constructor asks for may be null, but for those
     * built without arguments (the reconciler hands its metrics collector the controller's cache).
     */
    private static <T> T instantiateWithNulls(Class<T> type) {
        try {
            Constructor<?> constructor = type.getConstructors()[0];
            Object[] arguments = new Object[constructor.getParameterCount()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = noArgumentInstance(constructor.getParameterTypes()[i]);
            }
            return type.cast(constructor.newInstance(arguments));
        } catch (ReflectiveOperationException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName() + " to read its resource types", e);
        }
    }

    private static Object noArgumentInstance(Class<?> type) throws ReflectiveOperationException {
        return Arrays.stream(type.getConstructors()).anyMatch(constructor -> constructor.getParameterCount() == 0)
                ? type.getConstructor().newInstance()
                : null;
    }

    private static IndexerResourceCache<HasMetadata> indexerThatIgnoresIndexes() {
        return cast(Proxy.newProxyInstance(
                OperatorApiUsage.class.getClassLoader(),
                new Class<?>[] {IndexerResourceCache.class},
                (proxy, method, args) -> null));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
