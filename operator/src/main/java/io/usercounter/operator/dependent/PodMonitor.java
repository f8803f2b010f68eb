package io.usercounter.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Prometheus Operator's PodMonitor, its spec kept as plain maps: fabric8 publishes no model of it for this client
 * version (openshift-model-monitoring stops at 7.7), and the annotations give JOSDK's CRD check and informer the
 * type's name, {@code podmonitors.monitoring.coreos.com}.
 */
@Group(PodMonitor.GROUP)
@Version("v1")
@Kind("PodMonitor")
@Plural("podmonitors")
public class PodMonitor extends GenericKubernetesResource implements Namespaced {

    public static final String GROUP = "monitoring.coreos.com";

    public PodMonitor() {
        setApiVersion(GROUP + "/v1");
        setKind("PodMonitor");
    }
}
