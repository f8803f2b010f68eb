package io.usercounter.localstack.apiserver.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.StringJoiner;

/** The autoscaling/v1 Scale view of a workload ({@code kubectl scale}, fabric8's {@code scale(n)}). */
public final class ScaleSubresource {

  private ScaleSubresource() {
  }

  public static JsonNode scaleOf(JsonNode workload) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
    JsonNode metadata = workload.path("metadata");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (metadata.hasNonNull(field)) {
        scaleMetadata.set(field, metadata.get(field));
      }
    }
    scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(1));
    scale.putObject("status").put("replicas", workload.path("status").path("replicas").asInt(0))
        .put("selector", selector(workload.path("spec").path("selector").path("matchLabels")));
    return scale;
  }

  /** The workload with the replicas a Scale asks for; everything else is kept. */
  public static JsonNode withReplicas(JsonNode workload, JsonNode scale) {
    ObjectNode updated = workload.deepCopy();
    JsonNode replicas = scale.path("spec").path("replicas");
    if (replicas.isIntegralNumber()) {
      updated.with("spec").put("replicas", replicas.asInt());
    }
    String resourceVersion = scale.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      updated.with("metadata").put("resourceVersion", resourceVersion);
    }
    return updated;
  }

  private static String selector(JsonNode matchLabels) {
    StringJoiner selector = new StringJoiner(",");
    matchLabels.fields().forEachRemaining(label -> selector.add(label.getKey() + "=" + label.getValue().asText()));
    return selector.toString();
  }
}
