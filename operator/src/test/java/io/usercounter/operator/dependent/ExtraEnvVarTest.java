package io.usercounter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usercounter.operator.api.v1alpha1.ExtraEnvVar;
import io.usercounter.operator.settings.TestSettings;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ExtraEnvVarTest {

    /** A variable the operator sets but the CRD lets through would be overridden by podTemplate.env. */
    @Test
    void theRefusedVariablesAreExactlyThoseTheOperatorSets() {
        var settings = TestSettings.demo();
        var operatorSets = new ArrayList<String>(settings.secretEnvironment().keySet());
        operatorSets.add("COUNTER_AUTH_TOKEN");
        operatorSets.addAll(settings.plainEnvironment().keySet());
        operatorSets.add(DeploymentDependent.JAVA_TOOL_OPTIONS);

        assertThat(ExtraEnvVar.MANAGED)
                .containsExactlyInAnyOrderElementsOf(
                        operatorSets.stream().distinct().toList());
    }
}
