package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** One stored object and the REST path it lives at. */
public record StoredObject(String path, JsonNode object) {

    public String uid() {
        return object.path("metadata").path("uid").asText();
    }

    public Set<String> ownerUids() {
        Set<String> uids = new HashSet<>();
        object.path("metadata")
                .path("ownerReferences")
                .forEach(reference -> uids.add(reference.path("uid").asText()));
        return uids;
    }

    public boolean isMarkedForDeletion() {
        return object.path("metadata").hasNonNull("deletionTimestamp");
    }
}
