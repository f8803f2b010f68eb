package io.usercounter.localstack.apiserver.gc;

import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.store.StoreListener;
import io.usercounter.localstack.apiserver.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deleting a Namespace deletes everything in it, as the real namespace controller does (objects with finalizers
 * are only marked for deletion, so their controllers can clean up).
 */
public final class NamespaceCollector implements StoreListener {

    private static final String NAMESPACES = "/api/v1/namespaces/";

    private final ObjectStore store;
    private final Map<String, Set<String>> pathsByNamespace = new ConcurrentHashMap<>();
    private final List<String> deletedNamespaces = new ArrayList<>();

    public NamespaceCollector(ObjectStore store) {
        this.store = store;
        store.addListener(this);
    }

    @Override
    public void written(StoredObject object) {
        namespaceOf(object)
                .ifPresent(namespace -> pathsByNamespace
                        .computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet())
                        .add(object.path()));
    }

    @Override
    public void removed(StoredObject object) {
        namespaceOf(object).ifPresent(namespace -> {
            Set<String> paths = pathsByNamespace.get(namespace);
            if (paths != null) {
                paths.remove(object.path());
            }
        });
        if (object.path().startsWith(NAMESPACES) && object.path().indexOf('/', NAMESPACES.length()) < 0) {
            synchronized (deletedNamespaces) {
                deletedNamespaces.add(
                        object.object().path("metadata").path("name").asText());
            }
        }
    }

    public void collect() {
        List<String> namespaces;
        synchronized (deletedNamespaces) {
            namespaces = List.copyOf(deletedNamespaces);
            deletedNamespaces.clear();
        }
        for (String namespace : namespaces) {
            Set<String> paths = pathsByNamespace.remove(namespace);
            if (paths != null) {
                List.copyOf(paths).forEach(store::handleDelete);
            }
        }
    }

    private static Optional<String> namespaceOf(StoredObject object) {
        String namespace = object.object().path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
    }
}
