package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Applies the {@code default} values of a custom resource's OpenAPI v3 schema before it is stored, as the real API
 * server does: a missing field (or a {@code null} one whose schema is not nullable) gets its default, and defaulting
 * continues into nested objects, array items and additionalProperties, defaulted values included.
 */
final class CrdDefaulter {

    private CrdDefaulter() {}

    static void apply(JsonNode value, JsonNode schema) {
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (Map.Entry<String, JsonNode> property :
                    schema.path("properties").properties()) {
                defaultField(object, property.getKey(), property.getValue());
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                object.forEach(child -> apply(child, additional));
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            value.forEach(item -> apply(item, schema.get("items")));
        }
    }

    private static void defaultField(ObjectNode object, String name, JsonNode schema) {
        JsonNode current = object.get(name);
        boolean absent =
                current == null || (current.isNull() && !schema.path("nullable").asBoolean(false));
        if (absent && schema.has("default")) {
            object.set(name, schema.get("default").deepCopy());
        }
        JsonNode child = object.get(name);
        if (child != null && !child.isNull()) {
            apply(child, schema);
        }
    }
}
