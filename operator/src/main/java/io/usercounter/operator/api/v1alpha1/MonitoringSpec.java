package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** How Prometheus finds the counter app's /actuator/prometheus. */
public class MonitoringSpec {

    private static final String DEFAULT_POD_MONITOR = "false";

    @JsonPropertyDescription("Create a Prometheus Operator PodMonitor (monitoring.coreos.com/v1) for the app pods' "
            + "/actuator/prometheus; skipped, with the Monitored condition saying why, when the cluster has no "
            + "PodMonitor CRD.")
    @Default(DEFAULT_POD_MONITOR)
    private Boolean podMonitor = Boolean.valueOf(DEFAULT_POD_MONITOR);

    @JsonPropertyDescription(
            "Extra labels of the PodMonitor, so that a Prometheus' podMonitorSelector picks it up "
                    + "(kube-prometheus-stack's selects release: <its release name> by default); the operator's own labels win.")
    @Size(max = 16)
    private Map<String, String> labels;

    public Boolean getPodMonitor() {
        return podMonitor;
    }

    public void setPodMonitor(Boolean podMonitor) {
        this.podMonitor = podMonitor;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
