package io.usercounter.localstack.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.store.StoredObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Garbage collection by owner reference, run after each write: an object all of whose owners are gone is deleted
 * (background propagation; a dependent with finalizers is only marked for deletion), and so on down the ownership
 * chain. That covers both an owner being deleted and a dependent written after its owner was (a controller that
 * reconciled from a stale cache), as the real garbage collector does.
 */
public final class OwnerReferenceCollector {

  private final ObjectStore store;

  public OwnerReferenceCollector(ObjectStore store) {
    this.store = store;
  }

  public void collect() {
    boolean changed = true;
    while (changed) {
      List<StoredObject> candidates = store.takeRemovedUids().isEmpty() ? List.of() : store.objects();
      List<StoredObject> written = store.takeOwnedWrites();
      changed = !candidates.isEmpty() || !written.isEmpty();
      candidates.forEach(this::deleteIfOrphaned);
      written.forEach(this::deleteIfOrphaned);
    }
  }

  private void deleteIfOrphaned(StoredObject object) {
    Set<String> owners = ownerUids(object.object());
    if (!owners.isEmpty() && owners.stream().noneMatch(store::isLive) && store.isLive(object.uid())
        && !object.object().path("metadata").hasNonNull("deletionTimestamp")) {
      store.handleDelete(object.path());
    }
  }

  private static Set<String> ownerUids(JsonNode object) {
    Set<String> uids = new HashSet<>();
    object.path("metadata").path("ownerReferences").forEach(reference -> uids.add(reference.path("uid").asText()));
    return uids;
  }
}
