package io.usercounter.localstack.apiserver.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SelfSubjectRulesReviewTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void isAnsweredWithTheRulesOfAClusterAdmin() {
        SelfSubjectRulesReview answer = client.resource(new SelfSubjectRulesReviewBuilder()
                        .withNewSpec()
                        .withNamespace("usercounter-system")
                        .endSpec()
                        .build())
                .create();

        assertThat(answer.getSpec().getNamespace()).isEqualTo("usercounter-system");
        assertThat(answer.getStatus().getResourceRules())
                .containsExactly(new ResourceRule(List.of("*"), List.of(), List.of("*"), List.of("*")));
        assertThat(answer.getStatus().getNonResourceRules())
                .containsExactly(new NonResourceRule(List.of("*"), List.of("*")));
        assertThat(answer.getStatus().getIncomplete()).isFalse();
    }

    @Test
    void isNotStored() {
        client.resource(new SelfSubjectRulesReviewBuilder()
                        .withNewSpec()
                        .withNamespace("default")
                        .endSpec()
                        .build())
                .create();

        assertThat(API_SERVER
                        .raw()
                        .get("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", "application/json")
                        .statusCode())
                .isEqualTo(405);
    }
}
