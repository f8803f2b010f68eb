package io.usercounter.localstack.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Optional;

/**
 * What the API server does to a custom resource before storing it: apply its CRD schema's defaults, then validate
 * it against that schema. Objects of kinds without a CRD schema pass unchanged.
 */
public final class CustomResourceAdmission {

    private final CustomResourceDefinitions crds;

    public CustomResourceAdmission(CustomResourceDefinitions crds) {
        this.crds = crds;
    }

    /** Loads the CEL runtime ahead of the first rule, which otherwise takes seconds on a small machine. */
    public static void warmUp() {
        CelRule.evaluate("self == 1", IntNode.valueOf(1));
    }

    /** Defaults {@code object} in place; why it is refused, or empty when it is valid. */
    public Optional<Rejection> admit(JsonNode object) {
        Optional<JsonNode> schema = crds.schemaFor(object);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        CrdDefaulter.apply(object, schema.get());
        List<String> errors = SchemaValidator.validate(object, schema.get());
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String apiVersion = object.path("apiVersion").asText();
        return Optional.of(new Rejection(
                object.path("kind").asText(),
                apiVersion.substring(0, apiVersion.indexOf('/')),
                object.path("metadata").path("name").asText(),
                errors));
    }
}
