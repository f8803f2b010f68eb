package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;

/** A removed object, kept a while so that a watch resuming from an older version still hears of the deletion. */
record Tombstone(AttributeSet key, String lastState, long version) {

    /** The last state, at the version of the deletion. */
    JsonNode finalState() {
        ObjectNode object = (ObjectNode) Serialization.unmarshal(lastState, JsonNode.class);
        object.withObjectProperty("metadata").put("resourceVersion", String.valueOf(version));
        return object;
    }
}
