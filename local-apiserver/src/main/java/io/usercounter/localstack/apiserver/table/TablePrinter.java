package io.usercounter.localstack.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.usercounter.localstack.apiserver.crd.CustomResourceDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Server-side printing for {@code kubectl get}: a stored object or list as a meta.k8s.io/v1 Table, with the CRD's
 * additionalPrinterColumns for custom resources and Name and Age for everything else.
 */
public final class TablePrinter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Column AGE = Column.of(
            "Age",
            "date",
            "CreationTimestamp is a timestamp representing the server time " + "when this object was created.",
            PrinterColumnPath.parse(".metadata.creationTimestamp")::evaluate);

    private final CustomResourceDefinitions crds;
    private final Clock clock;
    private final KubernetesAttributesExtractor paths = new KubernetesAttributesExtractor();

    public TablePrinter(CustomResourceDefinitions crds, Clock clock) {
        this.crds = crds;
        this.clock = clock;
    }

    /** Whether an Accept header asks for a Table, as kubectl get does. */
    public static boolean isRequested(String accept) {
        return accept.contains("as=Table");
    }

    /** The Table for {@code stored} (an object or a List), read from {@code path}. */
    public JsonNode print(String path, JsonNode stored, boolean includeWholeObject) {
        List<Column> columns = columnsFor(path);
        ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata")
                .put(
                        "resourceVersion",
                        stored.path("metadata").path("resourceVersion").asText());
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions
                .addObject()
                .put("name", "Name")
                .put("type", "string")
                .put("format", "name")
                .put("description", "Name must be unique within a namespace.")
                .put("priority", 0);
        columns.forEach(column -> definitions
                .addObject()
                .put("name", column.name())
                .put("type", column.type())
                .put("format", column.format())
                .put("description", column.description())
                .put("priority", column.priority()));
        ArrayNode rows = table.putArray("rows");
        JsonNode items =
                stored.has("items") ? stored.get("items") : JSON.arrayNode().add(stored);
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells =
                    row.putArray("cells").add(item.path("metadata").path("name").asText());
            columns.forEach(column -> cells.add(cell(column, column.value().apply(item))));
            row.set("object", includeWholeObject ? item : partialMetadata(item));
        }
        return table;
    }

    private List<Column> columnsFor(String path) {
        Map<String, String> attributes = paths.fromKubernetesPath(path);
        String group = attributes.get(KubernetesAttributesExtractor.API);
        String plural = attributes.get(KubernetesAttributesExtractor.PLURAL);
        String version = attributes.get(KubernetesAttributesExtractor.VERSION);
        if (group == null || plural == null || BuiltinColumns.has(plural)) {
            return BuiltinColumns.of(plural);
        }
        List<CustomResourceColumnDefinition> definitions = crds.byPlural(group, plural)
                .flatMap(crd -> CustomResourceDefinitions.version(crd, version))
                .map(v -> v.getAdditionalPrinterColumns())
                .orElse(List.of());
        if (definitions == null || definitions.isEmpty()) {
            return List.of(AGE);
        }
        List<Column> columns = new ArrayList<>();
        definitions.forEach(d -> columns.add(new Column(
                d.getName(),
                d.getType(),
                d.getFormat() == null ? "" : d.getFormat(),
                d.getDescription() == null ? "" : d.getDescription(),
                d.getPriority() == null ? 0 : d.getPriority(),
                PrinterColumnPath.parse(d.getJsonPath())::evaluate)));
        return columns;
    }

    private JsonNode cell(Column column, JsonNode value) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (column.type()) {
            case "date" -> JSON.textNode(age(value.asText()));
            case "integer" -> value.isNumber() ? JSON.numberNode(value.asLong()) : JSON.textNode(value.asText());
            case "number", "boolean" -> value.isValueNode() ? value : JSON.textNode(value.toString());
            default -> JSON.textNode(value.isValueNode() ? value.asText() : value.toString());
        };
    }

    private String age(String timestamp) {
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp), clock.instant()));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    private static JsonNode partialMetadata(JsonNode item) {
        ObjectNode partial =
                JSON.objectNode().put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", item.path("metadata"));
        return partial;
    }
}
