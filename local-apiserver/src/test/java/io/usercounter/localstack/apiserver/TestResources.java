package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Test fixtures shared by the behaviour tests. */
public final class TestResources {

    private TestResources() {}

    /** A trimmed UserCounter CRD: defaults, a status subresource, short name uc and printer columns. */
    public static CustomResourceDefinition userCounterCrd() {
        return Serialization.unmarshal(
                TestResources.class.getResourceAsStream("/usercounter-crd.yaml"), CustomResourceDefinition.class);
    }

    /** A Deployment of the counter app with two args and one env variable, as the operator would write it. */
    public static Deployment deployment(String name) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .addToLabels("app.kubernetes.io/instance", name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/instance", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app.kubernetes.io/instance", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("counter-app")
                .withImage("counter-app:1")
                .withArgs("--a", "--b")
                .addNewEnv()
                .withName("COUNTER_CONSISTENCY")
                .withValue("strong")
                .endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
