package io.usercounter.localstack.apiserver.gc;

import io.usercounter.localstack.apiserver.store.StoreListener;
import io.usercounter.localstack.apiserver.store.StoredObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which uids exist and which objects have owners, kept from the store's changes so collection parses nothing. */
final class OwnershipIndex implements StoreListener {

    private final Set<String> liveUids = ConcurrentHashMap.newKeySet();
    private final Map<String, StoredObject> ownedByUid = new ConcurrentHashMap<>();
    private final Set<String> removedUids = new HashSet<>();
    private final List<StoredObject> ownedWrites = new ArrayList<>();

    @Override
    public void written(StoredObject object) {
        liveUids.add(object.uid());
        if (object.ownerUids().isEmpty()) {
            ownedByUid.remove(object.uid());
            return;
        }
        ownedByUid.put(object.uid(), object);
        synchronized (ownedWrites) {
            ownedWrites.add(object);
        }
    }

    @Override
    public void removed(StoredObject object) {
        liveUids.remove(object.uid());
        ownedByUid.remove(object.uid());
        synchronized (removedUids) {
            removedUids.add(object.uid());
        }
    }

    boolean isLive(String uid) {
        return liveUids.contains(uid);
    }

    /** The objects to check since the last call: those written with owners, and the dependents of removed objects. */
    List<StoredObject> takeCandidates() {
        Set<String> removed;
        synchronized (removedUids) {
            removed = Set.copyOf(removedUids);
            removedUids.clear();
        }
        List<StoredObject> candidates;
        synchronized (ownedWrites) {
            candidates = new ArrayList<>(ownedWrites);
            ownedWrites.clear();
        }
        if (!removed.isEmpty()) {
            ownedByUid.values().stream()
                    .filter(o -> o.ownerUids().stream().anyMatch(removed::contains))
                    .forEach(candidates::add);
        }
        return candidates;
    }
}
