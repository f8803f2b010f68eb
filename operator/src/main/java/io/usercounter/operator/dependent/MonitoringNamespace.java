package io.usercounter.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.util.Optional;

/**
 * The namespace Prometheus scrapes from ({@code OPERATOR_MONITORING_NAMESPACE}), admitted to the pods' port
 * {@code http}, which serves {@code /actuator/prometheus}; empty admits none.
 */
public record MonitoringNamespace(Optional<String> name) {

    public static final MonitoringNamespace NONE = new MonitoringNamespace(Optional.empty());

    /** The value the reconciler put into the workflow's context for this reconciliation. */
    public static MonitoringNamespace from(Context<UserCounter> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .get(MonitoringNamespace.class, MonitoringNamespace.class)
                .orElse(NONE);
    }
}
