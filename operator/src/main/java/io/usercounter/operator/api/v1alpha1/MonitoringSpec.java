package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How Prometheus finds the counter app's /actuator/prometheus. */
public class MonitoringSpec {

    @JsonPropertyDescription("Create a Prometheus Operator PodMonitor (monitoring.coreos.com/v1) for the app pods' "
            + "/actuator/prometheus; skipped, with the Monitored condition saying why, when the cluster has no "
            + "PodMonitor CRD.")
    @Default("false")
    private Boolean podMonitor = false;

    public Boolean getPodMonitor() { return podMonitor; }
    public void setPodMonitor(Boolean podMonitor) { this.podMonitor = podMonitor; }
}
