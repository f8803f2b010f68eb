package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Renders docs/reference/usercounter.md from the generated CRD: one row per field, its rules beneath. */
final class CrdReference {

    /** Lower bound before upper bound, as a reader says a range. */
    private static final Map<String, String> BOUNDS = new LinkedHashMap<>();

    static {
        BOUNDS.put("minimum", "≥ ");
        BOUNDS.put("maximum", "≤ ");
        BOUNDS.put("minLength", "length ≥ ");
        BOUNDS.put("maxLength", "length ≤ ");
        BOUNDS.put("minItems", "items ≥ ");
        BOUNDS.put("maxItems", "items ≤ ");
    }

    /** Kubernetes' own types, documented with the pod spec: their rows would be most of this file. */
    private static final Set<String> KUBERNETES_TYPES = Set.of(
            "spec.podTemplate.affinity",
            "spec.podTemplate.tolerations",
            "spec.podTemplate.topologySpreadConstraints",
            "spec.podTemplate.imagePullSecrets",
            "spec.podTemplate.securityContext",
            "spec.podTemplate.env[].valueFrom");

    private final JsonNode version;
    private final StringBuilder out = new StringBuilder();

    private CrdReference(JsonNode crd) {
        this.version = crd.path("spec").path("versions").get(0);
    }

    static String render(Path crdFile) throws IOException {
        return new CrdReference(new ObjectMapper(new YAMLFactory()).readTree(crdFile.toFile())).render();
    }

    private String render() {
        JsonNode root = version.path("schema").path("openAPIV3Schema");
        out.append("# UserCounter reference (`usercounter.io/")
                .append(version.path("name").asText())
                .append("`)\n\n")
                .append(
                        "Generated from the CRD (`crds/usercounters.usercounter.io-v1.yml`) by `CrdReferenceTest`, which\n")
                .append("fails when this file drifts from it. Do not edit by hand: change the classes in\n")
                .append("`operator/src/main/java/io/usercounter/operator/api/v1alpha1/`, then run\n")
                .append("`mvn -pl operator test -Dtest=CrdReferenceTest -Dreference.update=true`.\n\n")
                .append("Printer columns of `kubectl get uc`: ")
                .append(stream(version.path("additionalPrinterColumns"))
                        .map(column -> column.path("name").asText() + " (`"
                                + column.path("jsonPath").asText() + "`)")
                        .collect(Collectors.joining(", ")))
                .append(".\n");
        JsonNode scale = version.path("subresources").path("scale");
        if (!scale.isMissingNode()) {
            out.append("\nScale subresource (`kubectl scale uc`, a HorizontalPodAutoscaler): replicas `")
                    .append(scale.path("specReplicasPath").asText())
                    .append("`, observed replicas `")
                    .append(scale.path("statusReplicasPath").asText())
                    .append("`, pod selector `")
                    .append(scale.path("labelSelectorPath").asText())
                    .append("`.\n");
        }
        rules("the resource", root);
        section("spec", root.path("properties").path("spec"), required(root).contains("spec"));
        section("status", root.path("properties").path("status"), false);
        return out.toString();
    }

    private void section(String name, JsonNode schema, boolean required) {
        out.append("\n## `")
                .append(name)
                .append("`")
                .append(required ? " (required)" : "")
                .append("\n\n");
        description(schema);
        out.append("| field | type | default | validation | description |\n|---|---|---|---|---|\n");
        List<String[]> ruleRows = new ArrayList<>();
        fields(name, schema, ruleRows);
        if (!ruleRows.isEmpty()) {
            out.append("\nRules checked by the API server (CEL), with the message each rejection carries:\n\n")
                    .append("| on | rule | message |\n|---|---|---|\n");
            ruleRows.forEach(row -> out.append("| `")
                    .append(row[0])
                    .append("` | `")
                    .append(cell(row[1]))
                    .append("` | ")
                    .append(cell(row[2]))
                    .append(" |\n"));
        }
    }

    private void fields(String path, JsonNode schema, List<String[]> ruleRows) {
        stream(schema.path("x-kubernetes-validations"))
                .forEach(rule -> ruleRows.add(new String[] {
                    path, rule.path("rule").asText(), rule.path("message").asText()
                }));
        if (KUBERNETES_TYPES.contains(path)) {
            return;
        }
        List<String> required = required(schema);
        schema.path("properties").properties().forEach(field -> {
            String fieldPath = path + "." + field.getKey();
            row(fieldPath, field.getValue(), required.contains(field.getKey()));
            fields(fieldPath, field.getValue(), ruleRows);
        });
        JsonNode items = schema.path("items");
        if (items.path("properties").size() > 0 || items.has("x-kubernetes-validations")) {
            fields(path + "[]", items, ruleRows);
        }
        JsonNode values = schema.path("additionalProperties");
        if (values.path("properties").size() > 0) {
            fields(path + ".*", values, ruleRows);
        }
    }

    private void row(String path, JsonNode field, boolean required) {
        out.append("| `")
                .append(path)
                .append("` | ")
                .append(type(field))
                .append(" | ")
                .append(field.has("default") ? "`" + cell(field.get("default").toString()) + "`" : "")
                .append(" | ")
                .append(cell(validation(field, required)))
                .append(" | ")
                .append(cell(field.path("description").asText()))
                .append(" |\n");
    }

    private static String type(JsonNode field) {
        if (field.path("x-kubernetes-int-or-string").asBoolean()) {
            return "integer or string";
        }
        String type = field.path("type").asText("any");
        if (type.equals("array")) {
            return "array of " + type(field.path("items"));
        }
        if (type.equals("object") && field.has("additionalProperties")) {
            return "map of " + type(field.path("additionalProperties"));
        }
        return type;
    }

    private static String validation(JsonNode field, boolean required) {
        List<String> parts = new ArrayList<>();
        if (required) {
            parts.add("required");
        }
        if (field.has("enum")) {
            parts.add(
                    "one of " + stream(field.get("enum")).map(JsonNode::asText).collect(Collectors.joining(", ")));
        }
        BOUNDS.forEach((keyword, prefix) -> {
            if (field.has(keyword)) {
                parts.add(prefix + number(field.get(keyword)));
            }
        });
        if (field.has("pattern")) {
            parts.add("pattern `" + field.get("pattern").asText() + "`");
        }
        if (field.has("x-kubernetes-validations")) {
            parts.add("CEL rules below");
        }
        return String.join("; ", parts);
    }

    /** 100.0 in the YAML is the integer bound 100. */
    private static String number(JsonNode value) {
        double number = value.asDouble();
        return number == Math.rint(number) ? Long.toString((long) number) : value.asText();
    }

    private void rules(String on, JsonNode schema) {
        List<JsonNode> rules = stream(schema.path("x-kubernetes-validations")).toList();
        if (!rules.isEmpty()) {
            out.append("\nRules on ").append(on).append(":\n\n");
            rules.forEach(rule -> out.append("- `")
                    .append(rule.path("rule").asText())
                    .append("`: ")
                    .append(rule.path("message").asText())
                    .append("\n"));
        }
    }

    private void description(JsonNode schema) {
        if (schema.has("description")) {
            out.append(schema.get("description").asText()).append("\n\n");
        }
    }

    private static List<String> required(JsonNode schema) {
        return stream(schema.path("required")).map(JsonNode::asText).toList();
    }

    /** Markdown table cells: a pipe would end the cell, a newline the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
