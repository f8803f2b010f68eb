package io.usercounter.localstack.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.TestResources;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrdEstablishmentTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void aCreatedCrdIsEstablishedWithItsNamesAccepted() {
        CustomResourceDefinition created =
                client.resource(TestResources.userCounterCrd()).create();

        assertThat(created.getStatus().getConditions())
                .extracting(CustomResourceDefinitionCondition::getType, CustomResourceDefinitionCondition::getStatus)
                .containsExactly(tuple("NamesAccepted", "True"), tuple("Established", "True"));
        assertThat(created.getStatus().getAcceptedNames().getShortNames()).containsExactly("uc");
        assertThat(created.getStatus().getStoredVersions()).containsExactly("v1alpha1");
    }

    @Test
    void waitingForEstablishmentReturnsAtOnce() {
        CustomResourceDefinition crd = TestResources.userCounterCrd();
        crd.getMetadata().setName("widgets.usercounter.io");
        crd.getSpec().getNames().setPlural("widgets");
        crd.getSpec().getNames().setKind("Widget");
        crd.getSpec().getNames().setShortNames(null);
        client.resource(crd).create();

        CustomResourceDefinition established = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("widgets.usercounter.io")
                .waitUntilCondition(
                        c -> c.getStatus() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(
                                                condition -> condition.getType().equals("Established")),
                        5,
                        TimeUnit.SECONDS);

        assertThat(established.getMetadata().getName()).isEqualTo("widgets.usercounter.io");
    }
}
