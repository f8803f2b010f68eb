package io.usercounter.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every x-kubernetes-validations rule of the generated CRD, with the schema path that binds its {@code self}. */
record CrdValidationRules(List<Rule> rules) {

    record Rule(String path, String expression, String message) {}

    static CrdValidationRules load(Path crd) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(crd.toFile());
        JsonNode schema = root.at("/spec/versions/0/schema/openAPIV3Schema");
        List<Rule> rules = new ArrayList<>();
        collect("", schema, rules);
        return new CrdValidationRules(List.copyOf(rules));
    }

    private static void collect(String path, JsonNode schema, List<Rule> rules) {
        schema.path("x-kubernetes-validations")
                .forEach(rule -> rules.add(new Rule(
                        path, rule.path("rule").asText(), rule.path("message").asText())));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            collect(path.isEmpty() ? property.getKey() : path + "." + property.getKey(), property.getValue(), rules);
        }
        if (schema.has("items")) {
            collect(path + "[]", schema.get("items"), rules);
        }
    }

    /** The rule at {@code path} with {@code message}: a node such as spec.redis has several. */
    Rule at(String path, String message) {
        return rules.stream()
                .filter(rule -> rule.path().equals(path) && rule.message().equals(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no x-kubernetes-validations rule at " + path + ": " + message));
    }
}
