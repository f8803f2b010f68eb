package io.usercounter.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import io.usercounter.operator.dependent.AutoscalingEnabled;
import io.usercounter.operator.dependent.DeploymentDependent;
import io.usercounter.operator.dependent.HorizontalPodAutoscalerDependent;
import io.usercounter.operator.dependent.IngressDependent;
import io.usercounter.operator.dependent.IngressEnabled;
import io.usercounter.operator.dependent.MonitoringNamespace;
import io.usercounter.operator.dependent.NetworkPolicyDependent;
import io.usercounter.operator.dependent.NetworkPolicyEnabled;
import io.usercounter.operator.dependent.PodDisruptionBudgetDependent;
import io.usercounter.operator.dependent.PodMonitorCrdPresent;
import io.usercounter.operator.dependent.PodMonitorDependent;
import io.usercounter.operator.dependent.PodMonitorEnabled;
import io.usercounter.operator.dependent.ReplicasAtLeastTwo;
import io.usercounter.operator.dependent.SecretDependent;
import io.usercounter.operator.dependent.ServiceDependent;
import io.usercounter.operator.metrics.UserCounterReadiness;
import io.usercounter.operator.settings.CounterAppSettings;
import io.usercounter.operator.settings.CounterAppSettingsResolver;
import io.usercounter.operator.settings.ReferencedSecretsExist;
import io.usercounter.operator.status.ReconcileProblem;
import io.usercounter.operator.status.UserCounterEvents;
import io.usercounter.operator.status.UserCounterStatusAggregator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orchestrates one UserCounter: checks that its Secrets exist, runs the workflow of dependents with the resolved
 * settings, and patches the aggregated status when it changed. The workflow is invoked explicitly so that a missing
 * Secret leaves running objects alone instead of deleting them as an unmet JOSDK precondition would.
 */
@ControllerConfiguration(name = UserCounterReconciler.NAME)
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = SecretDependent.NAME, type = SecretDependent.class),
            @Dependent(
                    name = DeploymentDependent.NAME,
                    type = DeploymentDependent.class,
                    dependsOn = SecretDependent.NAME),
            @Dependent(name = ServiceDependent.NAME, type = ServiceDependent.class),
            @Dependent(
                    name = IngressDependent.NAME,
                    type = IngressDependent.class,
                    dependsOn = ServiceDependent.NAME,
                    reconcilePrecondition = IngressEnabled.class),
            @Dependent(
                    name = PodDisruptionBudgetDependent.NAME,
                    type = PodDisruptionBudgetDependent.class,
                    dependsOn = DeploymentDependent.NAME,
                    reconcilePrecondition = ReplicasAtLeastTwo.class),
            @Dependent(
                    name = NetworkPolicyDependent.NAME,
                    type = NetworkPolicyDependent.class,
                    reconcilePrecondition = NetworkPolicyEnabled.class),
            @Dependent(
                    name = HorizontalPodAutoscalerDependent.NAME,
                    type = HorizontalPodAutoscalerDependent.class,
                    dependsOn = DeploymentDependent.NAME,
                    reconcilePrecondition = AutoscalingEnabled.class),
            @Dependent(
                    name = PodMonitorDependent.NAME,
                    type = PodMonitorDependent.class,
                    activationCondition = PodMonitorCrdPresent.class,
                    reconcilePrecondition = PodMonitorEnabled.class)
        })
public class UserCounterReconciler implements Reconciler<UserCounter> {

    public static final String NAME = "usercounter";
    private static final Logger log = LoggerFactory.getLogger(UserCounterReconciler.class);

    private final ReferencedSecretsExist referencedSecretsExist = new ReferencedSecretsExist();
    private final CounterAppSettingsResolver settingsResolver;
    private final UserCounterStatusAggregator statusAggregator;
    private final MonitoringNamespace monitoringNamespace;
    private final UserCounterReadiness readiness;
    private final UserCounterEvents events;

    public UserCounterReconciler(
            CounterAppSettingsResolver settingsResolver,
            UserCounterStatusAggregator statusAggregator,
            MonitoringNamespace monitoringNamespace,
            UserCounterReadiness readiness,
            UserCounterEvents events) {
        this.settingsResolver = settingsResolver;
        this.statusAggregator = statusAggregator;
        this.monitoringNamespace = monitoringNamespace;
        this.readiness = readiness;
        this.events = events;
    }

    @Override
    public List<EventSource<?, UserCounter>> prepareEventSources(EventSourceContext<UserCounter> context) {
        readiness.readFrom(context.getPrimaryCache());
        return List.of(new ReferencedSecretsEventSource(context.getClient()), new ManagedPodsEventSource(context));
    }

    @Override
    public UpdateControl<UserCounter> reconcile(UserCounter userCounter, Context<UserCounter> context) {
        var secrets = ReferencedSecretsEventSource.lookup(context, userCounter);
        var problem = referencedSecretsExist.check(userCounter, secrets);
        if (problem.isPresent()) {
            log.info("Waiting for a referenced Secret: {}", problem.get().message());
        } else {
            var workflow = context.managedWorkflowAndDependentResourceContext();
            workflow.put(CounterAppSettings.class, settingsResolver.resolve(userCounter, secrets));
            workflow.put(MonitoringNamespace.class, monitoringNamespace);
            var before = OwnedObjects.of(userCounter, context);
            workflow.reconcileManagedWorkflow();
            recordChanges(userCounter, before, OwnedObjects.of(userCounter, context));
        }
        var status = statusAggregator.aggregate(
                userCounter,
                context.getSecondaryResource(Deployment.class),
                context.getSecondaryResources(Pod.class),
                problem,
                podMonitorCrdFound(context));
        events.statusChanged(userCounter, userCounter.getStatus(), status);
        return status.equals(userCounter.getStatus())
                ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withOnly(userCounter, status));
    }

    @Override
    public ErrorStatusUpdateControl<UserCounter> updateErrorStatus(
            UserCounter userCounter, Context<UserCounter> context, Exception exception) {
        var problem = ReconcileProblem.failed(exception);
        events.reconcileFailed(userCounter, problem);
        var status = statusAggregator.aggregate(
                userCounter,
                context.getSecondaryResource(Deployment.class),
                context.getSecondaryResources(Pod.class),
                Optional.of(problem),
                podMonitorCrdFound(context));
        events.statusChanged(userCounter, userCounter.getStatus(), status);
        return status.equals(userCounter.getStatus())
                ? ErrorStatusUpdateControl.noStatusUpdate()
                : ErrorStatusUpdateControl.patchStatus(withOnly(userCounter, status));
    }

    /** What the PodMonitor's activation condition found, when this reconciliation ran the workflow. */
    private static Optional<Boolean> podMonitorCrdFound(Context<UserCounter> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getWorkflowReconcileResult()
                .flatMap(result -> result.getDependentConditionResult(
                        PodMonitorDependent.NAME, Condition.Type.ACTIVATION, Boolean.class));
    }

    private void recordChanges(UserCounter userCounter, OwnedObjects before, OwnedObjects after) {
        after.createdSince(before).forEach(object -> events.created(userCounter, object));
        String name = userCounter.getMetadata().getName();
        before.configHash(name)
                .ifPresent(previous -> after.configHash(name)
                        .filter(hash -> !hash.equals(previous))
                        .ifPresent(hash -> events.configChanged(userCounter, previous, hash)));
    }

    /** Name, namespace and status only: a server-side apply of the status then claims no spec field. */
    private static UserCounter withOnly(UserCounter userCounter, UserCounterStatus status) {
        var patch = new UserCounter();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(userCounter.getMetadata().getName())
                .withNamespace(userCounter.getMetadata().getNamespace())
                .build());
        patch.setSpec(null);
        patch.setStatus(status);
        return patch;
    }
}
