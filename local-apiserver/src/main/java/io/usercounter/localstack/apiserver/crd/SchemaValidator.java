package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a custom resource against its CRD's structural OpenAPI v3 schema as the API server does: type, enum,
 * required, numeric bounds, lengths, patterns, item and property counts, and {@code x-kubernetes-validations} CEL
 * rules ({@code oldSelf} transition rules excepted). Each error reads like the API server's, naming the field.
 */
final class SchemaValidator {

    private SchemaValidator() {}

    /** The errors, ordered by field path. */
    static List<String> validate(JsonNode object, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        validateProperties(object, schema, "", errors);
        if (errors.isEmpty()) {
            checkRules(ruleView(object), schema, "", errors);
        }
        errors.sort(null);
        return errors;
    }

    private static void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(path + ": Invalid value: \"null\": " + path + " in body must be of type " + type(schema));
            }
            return;
        }
        if (!hasType(value, schema)) {
            errors.add(path + ": Invalid value: \"" + jsonType(value) + "\": " + path + " in body must be of type "
                    + type(schema) + ": \"" + jsonType(value) + "\"");
            return;
        }
        int before = errors.size();
        checkEnum(value, schema, path, errors);
        checkBounds(value, schema, path, errors);
        checkString(value, schema, path, errors);
        checkCounts(value, schema, path, errors);
        if (value.isObject()) {
            validateProperties(value, schema, path, errors);
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
            }
        }
        if (errors.size() == before) {
            checkRules(value, schema, path, errors);
        }
    }

    /**
     * The object as a root rule sees it: of the metadata only name and generateName, as the API server's CEL
     * validator binds them (apiextensions-apiserver; validation rules are GA since 1.29).
     */
    private static JsonNode ruleView(JsonNode object) {
        ObjectNode view = object.deepCopy();
        ObjectNode metadata = view.putObject("metadata");
        for (String visible : List.of("name", "generateName")) {
            if (object.path("metadata").has(visible)) {
                metadata.set(visible, object.get("metadata").get(visible));
            }
        }
        return view;
    }

    private static void validateProperties(JsonNode object, JsonNode schema, String path, List<String> errors) {
        String prefix = path.isEmpty() ? "" : path + ".";
        schema.path("required").forEach(required -> {
            if (!object.has(required.asText())) {
                errors.add(prefix + required.asText() + ": Required value");
            }
        });
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode propertySchema = schema.path("properties").path(field.getKey());
            if (propertySchema.isObject()) {
                validate(field.getValue(), propertySchema, prefix + field.getKey(), errors);
            } else if (schema.path("additionalProperties").isObject()) {
                validate(field.getValue(), schema.get("additionalProperties"), prefix + field.getKey(), errors);
            }
        }
    }

    private static void checkEnum(JsonNode value, JsonNode schema, String path, List<String> errors) {
        JsonNode allowed = schema.path("enum");
        if (!allowed.isArray() || allowed.isEmpty()) {
            return;
        }
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value)) {
                return;
            }
        }
        List<String> supported = new ArrayList<>();
        allowed.forEach(candidate -> supported.add(candidate.toString()));
        errors.add(path + ": Unsupported value: " + value + ": supported values: "
                + supported.stream().sorted().collect(Collectors.joining(", ")));
    }

    private static void checkBounds(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (!value.isNumber()) {
            return;
        }
        double number = value.asDouble();
        if (schema.has("minimum")) {
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            double minimum = schema.get("minimum").asDouble();
            if (exclusive ? number <= minimum : number < minimum) {
                errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + format(minimum));
            }
        }
        if (schema.has("maximum")) {
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            double maximum = schema.get("maximum").asDouble();
            if (exclusive ? number >= maximum : number > maximum) {
                errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + format(maximum));
            }
        }
    }

    private static void checkString(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (!value.isTextual()) {
            return;
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be at least "
                    + schema.get("minLength").asInt() + " chars long");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": Too long: may not be more than "
                    + schema.get("maxLength").asInt() + " bytes");
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(text)
                        .find()) {
            errors.add(path + ": Invalid value: " + value + ": " + path + " in body should match '"
                    + schema.get("pattern").asText() + "'");
        }
    }

    private static void checkCounts(JsonNode value, JsonNode schema, String path, List<String> errors) {
        String unit = value.isArray() ? "items" : "properties";
        if (!value.isArray() && !value.isObject()) {
            return;
        }
        String min = value.isArray() ? "minItems" : "minProperties";
        String max = value.isArray() ? "maxItems" : "maxProperties";
        if (schema.has(min) && value.size() < schema.get(min).asInt()) {
            errors.add(path + ": Invalid value: " + value.size() + ": " + path + " in body should have at least "
                    + schema.get(min).asInt() + " " + unit);
        }
        if (schema.has(max) && value.size() > schema.get(max).asInt()) {
            errors.add(path + ": Too many: " + value.size() + ": must have at most "
                    + schema.get(max).asInt() + " " + unit);
        }
    }

    private static void checkRules(JsonNode value, JsonNode schema, String path, List<String> errors) {
        for (JsonNode validation : schema.path("x-kubernetes-validations")) {
            String rule = validation.path("rule").asText();
            if (rule.contains("oldSelf")) {
                continue;
            }
            CelRule.Outcome outcome = CelRule.evaluate(rule, value);
            if (!outcome.holds()) {
                String message = outcome.error() != null
                        ? outcome.error()
                        : validation.path("message").asText("failed rule: " + rule);
                // the API server validates the root with a nil field path, which prints as <nil>
                errors.add(
                        (path.isEmpty() ? "<nil>" : path) + ": Invalid value: \"" + jsonType(value) + "\": " + message);
            }
        }
    }

    private static boolean hasType(JsonNode value, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isIntegralNumber() || value.isTextual();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" ->
                value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String type(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false)
                ? "integer or string"
                : schema.path("type").asText("any");
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        } else if (value.isArray()) {
            return "array";
        } else if (value.isTextual()) {
            return "string";
        } else if (value.isIntegralNumber()) {
            return "integer";
        } else if (value.isNumber()) {
            return "number";
        }
        return value.isBoolean() ? "boolean" : "null";
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
