package io.usercounter.localstack.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.usercounter.localstack.apiserver.LocalApiServerExtension;
import io.usercounter.localstack.apiserver.TestResources;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the operator's and the supervisor's fabric8 informers rely on: list, then watch from that version. */
class InformerTest {

    @RegisterExtension
    static final LocalApiServerExtension API_SERVER = LocalApiServerExtension.builtInKinds();

    private final KubernetesClient client = API_SERVER.client();

    @Test
    void aLabelSelectedInformerSeesAStatusWrite() throws Exception {
        client.resource(TestResources.deployment("watched")).create();
        BlockingQueue<Deployment> updates = new LinkedBlockingQueue<>();
        try (SharedIndexInformer<Deployment> informer = client.apps()
                .deployments()
                .withLabel("app.kubernetes.io/instance", "watched")
                .inform(onUpdate(updates))) {
            informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);

            client.apps().deployments().withName("watched").editStatus(d -> {
                d.setStatus(new DeploymentStatusBuilder().withReadyReplicas(2).build());
                return d;
            });

            Deployment updated = updates.poll(10, TimeUnit.SECONDS);
            assertThat(updated).isNotNull();
            assertThat(updated.getStatus().getReadyReplicas()).isEqualTo(2);
        }
    }

    @Test
    void anInformerSeesTheDeletionOfAGarbageCollectedDependent() throws Exception {
        ConfigMap owner = client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("owner")
                        .endMetadata()
                        .build())
                .create();
        Deployment dependent = TestResources.deployment("collected");
        dependent
                .getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion("v1")
                        .withKind("ConfigMap")
                        .withName("owner")
                        .withUid(owner.getMetadata().getUid())
                        .build()));
        client.resource(dependent).create();
        BlockingQueue<Deployment> deletions = new LinkedBlockingQueue<>();
        try (SharedIndexInformer<Deployment> informer = client.apps()
                .deployments()
                .withLabel("app.kubernetes.io/instance", "collected")
                .inform(onDelete(deletions))) {
            informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);

            client.resource(owner).delete();

            Deployment deleted = deletions.poll(10, TimeUnit.SECONDS);
            assertThat(deleted).isNotNull();
            assertThat(deleted.getMetadata().getName()).isEqualTo("collected");
        }
    }

    private static ResourceEventHandler<Deployment> onUpdate(BlockingQueue<Deployment> updates) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {}

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                // the stock watch replays existing objects when it opens; only the status write matters here
                if (after.getStatus() != null) {
                    updates.add(after);
                }
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {}
        };
    }

    private static ResourceEventHandler<Deployment> onDelete(BlockingQueue<Deployment> deletions) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {}

            @Override
            public void onUpdate(Deployment before, Deployment after) {}

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                deletions.add(deployment);
            }
        };
    }
}
