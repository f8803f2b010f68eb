package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;

/** One stored object and the REST path it lives at. */
public record StoredObject(String path, JsonNode object) {

  public String uid() {
    return object.path("metadata").path("uid").asText();
  }
}
