package io.usercounter.helm;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A reconciler's @Workflow as JOSDK runs it: its dependents, and which of them a reconciliation may delete. */
final class WorkflowGraph {

    private final List<Dependent> dependents;
    private final Map<String, Dependent> byName;

    WorkflowGraph(Class<?> reconcilerClass) {
        Workflow workflow = reconcilerClass.getAnnotation(Workflow.class);
        this.dependents = workflow == null ? List.of() : List.of(workflow.dependents());
        this.byName = dependents.stream().collect(Collectors.toMap(WorkflowGraph::nameOf, Function.identity()));
    }

    List<Dependent> dependents() {
        return dependents;
    }

    /**
     * JOSDK deletes a dependent whose reconcilePrecondition does not hold, and every dependent that depends on one
     * whose reconcilePrecondition or activationCondition does not hold.
     */
    boolean mayDeleteInReconcile(Dependent dependent) {
        return isSet(dependent.reconcilePrecondition()) || parents(dependent).anyMatch(this::deletesItsDependents);
    }

    private boolean deletesItsDependents(Dependent dependent) {
        return isSet(dependent.reconcilePrecondition())
                || isSet(dependent.activationCondition())
                || parents(dependent).anyMatch(this::deletesItsDependents);
    }

    private Stream<Dependent> parents(Dependent dependent) {
        return Arrays.stream(dependent.dependsOn()).map(byName::get);
    }

    private static boolean isSet(Class<? extends Condition> condition) {
        return condition != Condition.class;
    }

    private static String nameOf(Dependent dependent) {
        return dependent.name().equals(Constants.NO_VALUE_SET)
                ? DependentResource.defaultNameFor(dependent.type())
                : dependent.name();
    }
}
