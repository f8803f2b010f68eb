package io.usercounter.localstack.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** One Table column: its definition and how a row's cell is read from the object (null when absent). */
record Column(
        String name, String type, String format, String description, int priority, Function<JsonNode, JsonNode> value) {

    static Column of(String name, String type, String description, Function<JsonNode, JsonNode> value) {
        return new Column(name, type, "", description, 0, value);
    }
}
