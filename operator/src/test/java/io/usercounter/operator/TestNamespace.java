package io.usercounter.operator;

import static io.usercounter.operator.TestUserCounters.mysqlSecret;
import static io.usercounter.operator.TestUserCounters.redisSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import io.usercounter.operator.settings.ConfigHash;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One test's namespace on the mock API server, with what a test does there and reads back. */
public record TestNamespace(KubernetesClient client, String name) {

    /** Creates the UserCounter together with the two Secrets it references. */
    public void applyWithSecrets(UserCounter userCounter, String mysqlPassword, String redisPassword) {
        client.resource(mysqlSecret(name, mysqlPassword)).create();
        client.resource(redisSecret(name, redisPassword)).create();
        client.resource(userCounter).create();
    }

    public <T extends HasMetadata> T create(T object) {
        return client.resource(object).create();
    }

    public <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return client.resources(type).inNamespace(name).withName(objectName).get();
    }

    public <T extends HasMetadata> T awaitObject(Class<T> type, String objectName) {
        return await().until(() -> get(type, objectName), object -> object != null);
    }

    public void editSpec(String userCounter, Consumer<UserCounter> change) {
        onConflictRetry(() -> client.resources(UserCounter.class)
                .inNamespace(name)
                .withName(userCounter)
                .edit(current -> {
                    change.accept(current);
                    return current;
                }));
    }

    public void editDeployment(String deployment, Consumer<Deployment> change) {
        onConflictRetry(() -> client.apps()
                .deployments()
                .inNamespace(name)
                .withName(deployment)
                .edit(current -> {
                    change.accept(current);
                    return current;
                }));
    }

    /** What the Deployment controller would write; the mock API server has none. */
    public void editDeploymentStatus(String deployment, Consumer<Deployment> change) {
        onConflictRetry(() -> client.apps()
                .deployments()
                .inNamespace(name)
                .withName(deployment)
                .editStatus(current -> {
                    change.accept(current);
                    return current;
                }));
    }

    public UserCounterStatus status(String userCounter) {
        var current = get(UserCounter.class, userCounter);
        assertThat(current.getStatus()).as("status of " + userCounter).isNotNull();
        return current.getStatus();
    }

    /** The labels and the controller owner reference every generated object carries. */
    public void assertManagedBy(HasMetadata object, String userCounter) {
        assertThat(object.getMetadata().getLabels())
                .isEqualTo(Map.of(
                        "app.kubernetes.io/name", "counter-app",
                        "app.kubernetes.io/instance", userCounter,
                        "app.kubernetes.io/managed-by", "usercounter-operator"));
        var owner = get(UserCounter.class, userCounter);
        assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies((OwnerReference ref) -> {
            assertThat(ref.getApiVersion()).isEqualTo("usercounter.io/v1alpha1");
            assertThat(ref.getKind()).isEqualTo("UserCounter");
            assertThat(ref.getName()).isEqualTo(userCounter);
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
    }

    public static Map<String, String> env(Deployment deployment) {
        var env = new HashMap<String, String>();
        deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    public static String configHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
    }

    /** The operator writes the same objects (status, managed fields), so an edit may meet a 409 and be retried. */
    private static void onConflictRetry(Runnable edit) {
        await().ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    edit.run();
                    return true;
                });
    }
}
