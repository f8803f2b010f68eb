package io.usercounter.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.AbstractEventSourceHolderDependentResource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OwnedObjectsTest {

    /** A dependent whose kind is missing would be created without its Created Event. */
    @Test
    void theKindsAreThoseOfEveryDependentOfTheWorkflow() {
        var dependentKinds = Arrays.stream(UserCounterReconciler.class
                        .getAnnotation(Workflow.class)
                        .dependents())
                .<Class<?>>map(dependent -> {
                    try {
                        return ((AbstractEventSourceHolderDependentResource<?, ?, ?>) dependent
                                        .type()
                                        .getDeclaredConstructor()
                                        .newInstance())
                                .resourceType();
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(OwnedObjects.KINDS).<Class<?>>map(kind -> kind).containsExactlyInAnyOrderElementsOf(dependentKinds);
    }
}
