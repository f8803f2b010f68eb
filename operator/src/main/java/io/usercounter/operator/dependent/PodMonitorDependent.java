package io.usercounter.operator.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.usercounter.operator.api.v1alpha1.MonitoringSpec;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code <name>}: Prometheus scrapes every app pod's port {@code http} at {@code /actuator/prometheus}, which the app
 * serves without its bearer token (the token guards writes only). Exists only while spec.monitoring.podMonitor is
 * true and the cluster has the PodMonitor CRD.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ManagedMetadata.MANAGED_SELECTOR))
public class PodMonitorDependent extends CRUDKubernetesDependentResource<PodMonitor, UserCounter> {

    /** Its name in the reconciler's workflow. */
    public static final String NAME = "podmonitor";

    public static final String METRICS_PATH = "/actuator/prometheus";

    public PodMonitorDependent() {
        super(PodMonitor.class);
    }

    @Override
    protected PodMonitor desired(UserCounter userCounter, Context<UserCounter> context) {
        var podMonitor = new PodMonitor();
        podMonitor.setMetadata(
                ManagedMetadata.forObject(userCounter, userCounter.getMetadata().getName()));
        // a Prometheus selects PodMonitors by label; the managed ones stay, the informer finds it by them
        Optional.ofNullable(userCounter.getSpec().getMonitoring())
                .map(MonitoringSpec::getLabels)
                .ifPresent(extra -> {
                    var labels = new TreeMap<>(extra);
                    labels.putAll(podMonitor.getMetadata().getLabels());
                    podMonitor.getMetadata().setLabels(labels);
                });
        // spotless:off: indented like the YAML it builds, which the formatter would flatten
        podMonitor.setAdditionalProperty("spec", Map.of(
                "selector", Map.of(
                        "matchLabels", ManagedMetadata.podSelector(userCounter)),
                "podMetricsEndpoints", List.of(Map.of(
                        "port", DeploymentDependent.HTTP_PORT_NAME,
                        "path", METRICS_PATH))));
        // spotless:on
        return podMonitor;
    }
}
