package io.usercounter.localstack.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.store.StoredObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Garbage collection by owner reference, run after each write that removed objects: an object all of whose owners
 * are gone is deleted (background propagation; a dependent with finalizers is only marked for deletion), and so on
 * down the ownership chain.
 */
public final class OwnerReferenceCollector {

  private final ObjectStore store;

  public OwnerReferenceCollector(ObjectStore store) {
    this.store = store;
  }

  public void collect() {
    while (!store.takeRemovedUids().isEmpty()) {
      List<StoredObject> objects = store.objects();
      Set<String> live = objects.stream().map(StoredObject::uid).collect(Collectors.toSet());
      for (StoredObject object : objects) {
        Set<String> owners = ownerUids(object.object());
        if (!owners.isEmpty() && owners.stream().noneMatch(live::contains) && !isMarkedForDeletion(object.object())) {
          store.handleDelete(object.path());
        }
      }
    }
  }

  private static Set<String> ownerUids(JsonNode object) {
    Set<String> uids = new HashSet<>();
    object.path("metadata").path("ownerReferences").forEach(reference -> uids.add(reference.path("uid").asText()));
    return uids;
  }

  private static boolean isMarkedForDeletion(JsonNode object) {
    return object.path("metadata").hasNonNull("deletionTimestamp");
  }
}
