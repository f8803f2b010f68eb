package io.usercounter.localstack.apiserver.gc;

import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.store.StoredObject;
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
    private final OwnershipIndex index = new OwnershipIndex();

    public OwnerReferenceCollector(ObjectStore store) {
        this.store = store;
        store.addListener(index);
    }

    public void collect() {
        List<StoredObject> candidates = index.takeCandidates();
        while (!candidates.isEmpty()) {
            candidates.forEach(this::deleteIfOrphaned);
            candidates = index.takeCandidates();
        }
    }

    private void deleteIfOrphaned(StoredObject object) {
        Set<String> owners = object.ownerUids();
        if (!owners.isEmpty()
                && owners.stream().noneMatch(index::isLive)
                && index.isLive(object.uid())
                && !object.isMarkedForDeletion()) {
            store.handleDelete(object.path());
        }
    }
}
