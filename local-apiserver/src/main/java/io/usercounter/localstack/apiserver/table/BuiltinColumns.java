package io.usercounter.localstack.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;

/** The columns kubectl shows for built-in kinds: those of Deployments, and Name and Age for the rest. */
final class BuiltinColumns {

    private static final Map<String, List<Column>> BY_PLURAL = Map.of(
            "deployments",
            List.of(
                    Column.of(
                            "Ready",
                            "string",
                            "Number of the pod with ready state",
                            d -> JsonNodeFactory.instance.textNode(
                                    d.path("status").path("readyReplicas").asInt(0) + "/"
                                            + d.path("spec").path("replicas").asInt(1))),
                    Column.of(
                            "Up-to-date",
                            "integer",
                            "Total number of non-terminated pods targeted by this deployment that have "
                                    + "the desired template spec.",
                            d -> count(d.path("status").path("updatedReplicas"))),
                    Column.of(
                            "Available",
                            "integer",
                            "Total number of available pods (ready for at least minReadySeconds) "
                                    + "targeted by this deployment.",
                            d -> count(d.path("status").path("availableReplicas"))),
                    TablePrinter.AGE));

    private BuiltinColumns() {}

    static boolean has(String plural) {
        return plural != null && BY_PLURAL.containsKey(plural);
    }

    static List<Column> of(String plural) {
        return has(plural) ? BY_PLURAL.get(plural) : List.of(TablePrinter.AGE);
    }

    private static JsonNode count(JsonNode value) {
        return JsonNodeFactory.instance.numberNode(value.asInt(0));
    }
}
