package io.usercounter.localstack.apiserver.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import java.util.StringJoiner;

/**
 * The autoscaling/v1 Scale view of a workload ({@code kubectl scale}, fabric8's {@code scale(n)}), or of a custom
 * resource whose CRD declares {@code subresources.scale}, read from and written to that CRD's paths as
 * apiextensions-apiserver does (an absent replicas field reads 0, an absent selector is left out).
 */
public final class ScaleSubresource {

    private ScaleSubresource() {}

    public static JsonNode scaleOf(JsonNode workload) {
        ObjectNode scale = scaleWithMetadataOf(workload);
        scale.putObject("spec")
                .put("replicas", workload.path("spec").path("replicas").asInt(1));
        scale.putObject("status")
                .put("replicas", workload.path("status").path("replicas").asInt(0))
                .put("selector", selector(workload.path("spec").path("selector").path("matchLabels")));
        return scale;
    }

    public static JsonNode scaleOf(JsonNode customResource, CustomResourceSubresourceScale paths) {
        ObjectNode scale = scaleWithMetadataOf(customResource);
        scale.putObject("spec")
                .put("replicas", at(customResource, paths.getSpecReplicasPath()).asInt(0));
        ObjectNode status = scale.putObject("status")
                .put(
                        "replicas",
                        at(customResource, paths.getStatusReplicasPath()).asInt(0));
        String selector = paths.getLabelSelectorPath() == null
                ? ""
                : at(customResource, paths.getLabelSelectorPath()).asText("");
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** The workload with the replicas a Scale asks for; everything else is kept. */
    public static JsonNode withReplicas(JsonNode workload, JsonNode scale) {
        return withReplicas(workload, scale, ".spec.replicas");
    }

    /** The custom resource with the replicas a Scale asks for at its CRD's specReplicasPath. */
    public static JsonNode withReplicas(JsonNode customResource, JsonNode scale, CustomResourceSubresourceScale paths) {
        return withReplicas(customResource, scale, paths.getSpecReplicasPath());
    }

    private static JsonNode withReplicas(JsonNode object, JsonNode scale, String specReplicasPath) {
        ObjectNode updated = object.deepCopy();
        JsonNode replicas = scale.path("spec").path("replicas");
        if (replicas.isIntegralNumber()) {
            String[] fields = fields(specReplicasPath);
            ObjectNode parent = updated;
            for (int i = 0; i < fields.length - 1; i++) {
                parent = parent.withObjectProperty(fields[i]);
            }
            parent.put(fields[fields.length - 1], replicas.asInt());
        }
        // a Scale carrying a resourceVersion is an optimistic write of the object, as upstream
        String resourceVersion = scale.path("metadata").path("resourceVersion").asText("");
        if (!resourceVersion.isEmpty()) {
            updated.withObjectProperty("metadata").put("resourceVersion", resourceVersion);
        }
        return updated;
    }

    private static ObjectNode scaleWithMetadataOf(JsonNode object) {
        ObjectNode scale = JsonNodeFactory.instance
                .objectNode()
                .put("apiVersion", "autoscaling/v1")
                .put("kind", "Scale");
        JsonNode metadata = object.path("metadata");
        ObjectNode scaleMetadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (metadata.hasNonNull(field)) {
                scaleMetadata.set(field, metadata.get(field));
            }
        }
        return scale;
    }

    /** The value at a CRD's simple JSON path such as {@code .status.replicas}; missing when any field is absent. */
    private static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        for (String field : fields(path)) {
            node = node.path(field);
        }
        return node;
    }

    private static String[] fields(String path) {
        return (path.startsWith(".") ? path.substring(1) : path).split("\\.");
    }

    private static String selector(JsonNode matchLabels) {
        StringJoiner selector = new StringJoiner(",");
        matchLabels
                .properties()
                .forEach(label ->
                        selector.add(label.getKey() + "=" + label.getValue().asText()));
        return selector.toString();
    }
}
