package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;

/** One watch event: ADDED, MODIFIED or DELETED, with the object's state. */
public record WatchEvent(String type, JsonNode object) {

    static long versionOf(JsonNode object) {
        try {
            return Long.parseLong(
                    object.path("metadata").path("resourceVersion").asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
