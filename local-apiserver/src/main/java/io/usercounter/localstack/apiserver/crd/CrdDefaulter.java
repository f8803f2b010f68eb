package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the {@code default} values of a custom resource's OpenAPI v3 schema before it is stored, as the real API
 * server does: a missing field (or a {@code null} one whose schema is not nullable) gets its default, and defaulting
 * continues into nested objects, array items and additionalProperties, defaulted values included.
 */
public final class CrdDefaulter {

  private final CustomResourceDefinitions crds;

  public CrdDefaulter(CustomResourceDefinitions crds) {
    this.crds = crds;
  }

  /** The object with its schema's defaults applied; objects of other kinds are returned as they are. */
  public JsonNode apply(JsonNode object) {
    schemaOf(object).ifPresent(schema -> applyDefaults(object, schema));
    return object;
  }

  private Optional<JsonNode> schemaOf(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String group = apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    return crds.byKind(group, object.path("kind").asText())
        .flatMap(crd -> schema(crd, version));
  }

  private static Optional<JsonNode> schema(CustomResourceDefinition crd, String version) {
    return CustomResourceDefinitions.version(crd, version)
        .filter(v -> v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null)
        .map(v -> Serialization.jsonMapper().valueToTree(v.getSchema().getOpenAPIV3Schema()));
  }

  private static void applyDefaults(JsonNode value, JsonNode schema) {
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
        Map.Entry<String, JsonNode> property = properties.next();
        defaultField(object, property.getKey(), property.getValue());
      }
      JsonNode additional = schema.path("additionalProperties");
      if (additional.isObject()) {
        object.forEach(child -> applyDefaults(child, additional));
      }
    } else if (value.isArray() && schema.path("items").isObject()) {
      value.forEach(item -> applyDefaults(item, schema.get("items")));
    }
  }

  private static void defaultField(ObjectNode object, String name, JsonNode schema) {
    JsonNode current = object.get(name);
    boolean absent = current == null || (current.isNull() && !schema.path("nullable").asBoolean(false));
    if (absent && schema.has("default")) {
      object.set(name, schema.get("default").deepCopy());
    }
    JsonNode child = object.get(name);
    if (child != null && !child.isNull()) {
      applyDefaults(child, schema);
    }
  }
}
