package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a JOSDK reconciler does against the API server, read from its own classes: the controller's informer and
 * status patches on the primary resource, the workflow's dependents and the event sources it prepares.
 */
final class OperatorApiUsage {

  private static final Set<String> WATCH = Set.of("get", "list", "watch");

  private OperatorApiUsage() {
  }

  static Class<? extends HasMetadata> primaryResourceType(Class<? extends Reconciler<?>> reconcilerClass) {
    return Arrays.stream(reconcilerClass.getGenericInterfaces())
        .filter(ParameterizedType.class::isInstance)
        .map(ParameterizedType.class::cast)
        .filter(type -> type.getRawType() == Reconciler.class)
        .map(type -> OperatorApiUsage.<Class<? extends HasMetadata>>cast(type.getActualTypeArguments()[0]))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(reconcilerClass + " does not implement Reconciler<P> directly"));
  }

  /** The controller watches the primary resource and patches its status; a Cleaner also writes finalizers. */
  static List<ApiAccess> primary(Class<? extends Reconciler<?>> reconcilerClass) {
    var type = primaryResourceType(reconcilerClass);
    String source = "controller " + reconcilerClass.getSimpleName();
    var accesses = new ArrayList<ApiAccess>();
    accesses.add(ApiAccess.of(source, type, "",
        Cleaner.class.isAssignableFrom(reconcilerClass) ? union(WATCH, Set.of("patch", "update")) : WATCH));
    accesses.add(ApiAccess.of(source, type, "status", Set.of("patch")));
    return accesses;
  }

  /**
   * Each @Dependent of the @Workflow: its informer, plus create and patch (server-side apply creates through
   * patch) for a Creator, patch and update for an Updater, delete for a Deleter.
   */
  static List<ApiAccess> dependents(Class<? extends Reconciler<?>> reconcilerClass) {
    Workflow workflow = reconcilerClass.getAnnotation(Workflow.class);
    if (workflow == null) {
      return List.of();
    }
    return Arrays.stream(workflow.dependents()).map(OperatorApiUsage::dependent).toList();
  }

  /** The event sources the reconciler prepares besides its dependents' (for example a watch on referenced Secrets). */
  static List<ApiAccess> eventSources(Class<? extends Reconciler<?>> reconcilerClass) {
    Reconciler<HasMetadata> reconciler = cast(instantiateWithNulls(reconcilerClass));
    Class<HasMetadata> primaryType = cast(primaryResourceType(reconcilerClass));
    try (KubernetesClient unreachable = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
      var configuration = new BaseConfigurationService(null, null, unreachable).getConfigurationFor(reconciler);
      var context = new EventSourceContext<>(indexerThatIgnoresIndexes(), configuration, unreachable, primaryType);
      List<EventSource<?, HasMetadata>> eventSources = reconciler.prepareEventSources(context);
      return eventSources.stream()
          .map(eventSource -> ApiAccess.of("event source " + eventSource.name(),
              OperatorApiUsage.<Class<? extends HasMetadata>>cast(eventSource.resourceType()), "", WATCH))
          .toList();
    }
  }

  private static ApiAccess dependent(Dependent dependent) {
    DependentResource<?, ?> resource = instantiateWithNulls(dependent.type());
    Set<String> verbs = new LinkedHashSet<>(WATCH);
    if (resource instanceof Creator<?, ?>) {
      verbs.addAll(List.of("create", "patch"));
    }
    if (resource instanceof Updater<?, ?>) {
      verbs.addAll(List.of("patch", "update"));
    }
    if (resource instanceof Deleter<?>) {
      verbs.add("delete");
    }
    return ApiAccess.of("dependent " + dependent.type().getSimpleName(),
        OperatorApiUsage.<Class<? extends HasMetadata>>cast(resource.resourceType()), "", verbs);
  }

  /** Only the types and wiring matter here, so collaborators the constructor asks for may be null. */
  private static <T> T instantiateWithNulls(Class<T> type) {
    try {
      Constructor<?> constructor = type.getConstructors()[0];
      return type.cast(constructor.newInstance(new Object[constructor.getParameterCount()]));
    } catch (ReflectiveOperationException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("cannot instantiate " + type.getName() + " to read its resource types", e);
    }
  }

  private static IndexerResourceCache<HasMetadata> indexerThatIgnoresIndexes() {
    return cast(Proxy.newProxyInstance(OperatorApiUsage.class.getClassLoader(),
        new Class<?>[] {IndexerResourceCache.class}, (proxy, method, args) -> null));
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    var union = new LinkedHashSet<>(first);
    union.addAll(second);
    return union;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
