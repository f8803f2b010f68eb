package io.usercounter.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.DetailedCondition;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import java.time.Duration;

/**
 * Activation condition of the PodMonitor: JOSDK's CRD check, which registers the PodMonitor informer only once the
 * CRD exists, so a cluster without the Prometheus Operator sees no failing watch. The answer is kept as the
 * condition's result, from which the status says why no PodMonitor exists. An absent CRD is asked for again at
 * most once a minute, without JOSDK's default limit of ten checks, so one installed later is still found.
 */
public class PodMonitorCrdPresent extends CRDPresentActivationCondition<PodMonitor, UserCounter>
        implements DetailedCondition<PodMonitor, UserCounter, Boolean> {

    public static final String CRD_NAME = "podmonitors." + PodMonitor.GROUP;

    public PodMonitorCrdPresent() {
        super(Integer.MAX_VALUE, Duration.ofMinutes(1));
    }

    @Override
    public Result<Boolean> detailedIsMet(
            DependentResource<PodMonitor, UserCounter> dependent,
            UserCounter userCounter,
            Context<UserCounter> context) {
        boolean present = isMet(dependent, userCounter, context);
        return Result.withResult(present, present);
    }
}
