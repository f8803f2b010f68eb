package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.usercounter.localstack.apiserver.json.KubernetesJson;
import io.usercounter.localstack.apiserver.store.StatusSubresources;
import io.usercounter.localstack.apiserver.store.StoreListener;
import io.usercounter.localstack.apiserver.store.StoredObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The CRDs stored in the server, as the other gap closers need them (schemas, printer columns, discovery). */
public final class CustomResourceDefinitions implements StoreListener, StatusSubresources {

    public static final String PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final Map<String, CustomResourceDefinition> byName = new ConcurrentHashMap<>();

    @Override
    public void written(StoredObject object) {
        if (isCrd(object)) {
            CustomResourceDefinition crd =
                    KubernetesJson.MAPPER.convertValue(object.object(), CustomResourceDefinition.class);
            byName.put(crd.getMetadata().getName(), crd);
        }
    }

    @Override
    public void removed(StoredObject object) {
        if (isCrd(object)) {
            byName.remove(object.object().path("metadata").path("name").asText());
        }
    }

    private static boolean isCrd(StoredObject object) {
        return object.path().startsWith(PATH + "/");
    }

    public List<CustomResourceDefinition> all() {
        return List.copyOf(byName.values());
    }

    public Optional<CustomResourceDefinition> byPlural(String group, String plural) {
        return Optional.ofNullable(byName.get(plural + "." + group));
    }

    public Optional<CustomResourceDefinition> byKind(String group, String kind) {
        return byName.values().stream()
                .filter(crd -> crd.getSpec().getGroup().equals(group)
                        && crd.getSpec().getNames().getKind().equals(kind))
                .findFirst();
    }

    /** The OpenAPI v3 schema of an object's kind and version, when a stored CRD defines one. */
    public Optional<JsonNode> schemaFor(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return byKind(apiVersion.substring(0, slash), object.path("kind").asText())
                .flatMap(crd -> version(crd, apiVersion.substring(slash + 1)))
                .filter(v -> v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null)
                .map(v -> KubernetesJson.MAPPER.valueToTree(v.getSchema().getOpenAPIV3Schema()));
    }

    public static Optional<CustomResourceDefinitionVersion> version(CustomResourceDefinition crd, String version) {
        return crd.getSpec().getVersions().stream()
                .filter(v -> Objects.equals(v.getName(), version))
                .findFirst();
    }

    @Override
    public Optional<Boolean> ofCustomResource(String group, String version, String plural) {
        return byPlural(group, plural).map(crd -> hasStatusSubresource(crd, version));
    }

    public static boolean hasStatusSubresource(CustomResourceDefinition crd, String version) {
        return version(crd, version)
                .map(v -> v.getSubresources() != null && v.getSubresources().getStatus() != null)
                .orElse(false);
    }
}
