package io.usercounter.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** The objects `helm template` printed, parsed by the fabric8 client into typed Kubernetes objects. */
record RenderedChart(String manifest, List<HasMetadata> objects) {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    static RenderedChart parse(String manifest) {
        List<HasMetadata> objects = Arrays.stream(manifest.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
                .map(document -> (HasMetadata) KUBERNETES.unmarshal(document))
                .toList();
        return new RenderedChart(manifest, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream()
                .filter(object -> Objects.equals(object.getMetadata().getName(), name))
                .findFirst()
                .orElseThrow(() ->
                        new NoSuchElementException("no " + type.getSimpleName() + " " + name + " in\n" + manifest));
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    Deployment operatorDeployment() {
        return one(Deployment.class, OperatorChart.RELEASE);
    }

    Container operatorContainer() {
        return operatorDeployment()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    /** The operator container's environment, in declaration order. */
    Map<String, String> operatorEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : operatorContainer().getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }
}
