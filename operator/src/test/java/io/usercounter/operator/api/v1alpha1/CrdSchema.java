package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The generated CRD's openAPIV3Schema checked the way the API server checks an object: types, unknown fields,
 * required fields, enums, patterns, lengths, ranges and the CEL rules. Enough of it to check the examples.
 */
public final class CrdSchema {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    public static CrdSchema generated() throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CommittedCrdTest.GENERATED.toFile());
        return new CrdSchema(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    }

    /** The problems of {@code spec}, one line each; empty when the API server would accept it. */
    public List<String> violationsOfSpec(JsonNode spec) {
        var violations = new ArrayList<String>();
        check("spec", schema.at("/properties/spec"), spec, violations);
        return violations;
    }

    private static void check(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            expect(value.isIntegralNumber() || value.isTextual(), path + " must be an integer or a string", violations);
            return;
        }
        switch (schema.path("type").asText()) {
            case "object" -> checkObject(path, schema, value, violations);
            case "array" -> {
                if (expect(value.isArray(), path + " must be an array", violations)) {
                    for (int i = 0; i < value.size(); i++) {
                        check(path + "[" + i + "]", schema.path("items"), value.get(i), violations);
                    }
                }
            }
            case "string" -> checkString(path, schema, value, violations);
            case "integer" -> {
                if (expect(value.isIntegralNumber(), path + " must be an integer", violations)) {
                    checkRange(path, schema, value, violations);
                }
            }
            case "boolean" -> expect(value.isBoolean(), path + " must be a boolean", violations);
            default -> violations.add(path + " has an unknown schema type " + schema.path("type"));
        }
        schema.path("x-kubernetes-validations")
                .forEach(rule -> expect(
                        holds(rule.path("rule").asText(), plain(value)),
                        path + ": " + rule.path("message").asText(),
                        violations));
    }

    private static void checkObject(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (!expect(value.isObject(), path + " must be an object", violations)) {
            return;
        }
        schema.path("required")
                .forEach(required -> expect(
                        value.has(required.asText()), path + "." + required.asText() + " is required", violations));
        value.properties().forEach(field -> {
            JsonNode fieldSchema = schema.path("properties").path(field.getKey());
            if (fieldSchema.isMissingNode()
                    && schema.path("additionalProperties").isObject()) {
                fieldSchema = schema.path("additionalProperties");
            }
            if (expect(!fieldSchema.isMissingNode(), path + "." + field.getKey() + " is not a field", violations)) {
                check(path + "." + field.getKey(), fieldSchema, field.getValue(), violations);
            }
        });
    }

    private static void checkString(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (!expect(value.isTextual(), path + " must be a string", violations)) {
            return;
        }
        String text = value.asText();
        if (schema.has("enum")) {
            var allowed = new ArrayList<String>();
            schema.path("enum").forEach(option -> allowed.add(option.asText()));
            expect(allowed.contains(text), path + " must be one of " + allowed, violations);
        }
        if (schema.has("pattern")) {
            expect(
                    PATTERNS.computeIfAbsent(schema.path("pattern").asText(), Pattern::compile)
                            .matcher(text)
                            .find(),
                    path + " must match " + schema.path("pattern").asText(),
                    violations);
        }
        int length = text.codePointCount(0, text.length());
        expect(
                !schema.has("minLength") || length >= schema.path("minLength").asInt(),
                path + " is too short",
                violations);
        expect(
                !schema.has("maxLength") || length <= schema.path("maxLength").asInt(),
                path + " is too long",
                violations);
    }

    private static void checkRange(String path, JsonNode schema, JsonNode value, List<String> violations) {
        expect(
                !schema.has("minimum")
                        || value.asDouble() >= schema.path("minimum").asDouble(),
                path + " is below " + schema.path("minimum"),
                violations);
        expect(
                !schema.has("maximum")
                        || value.asDouble() <= schema.path("maximum").asDouble(),
                path + " is above " + schema.path("maximum"),
                violations);
    }

    /** A rule that fails to evaluate (duration() of a malformed text) rejects the object, as at the API server. */
    private static boolean holds(String rule, Object self) {
        try {
            return CelRule.holds(rule, self);
        } catch (AssertionError evaluationError) {
            return false;
        }
    }

    private static boolean expect(boolean holds, String violation, List<String> violations) {
        if (!holds) {
            violations.add(violation);
        }
        return holds;
    }

    /** The value as CEL sees it. */
    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            value.properties().forEach(field -> map.put(field.getKey(), plain(field.getValue())));
            return map;
        }
        if (value.isArray()) {
            var list = new ArrayList<Object>();
            value.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return value.isBoolean() ? (Object) value.asBoolean() : value.asText();
    }
}
