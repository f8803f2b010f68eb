package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stock CRUD store with three changes: every built-in kind has a status subresource (as on a real API server),
 * every write and removal is told to the listeners (CRD tracking, garbage collection), and recent deletions are kept
 * for watches that resume from an older version.
 */
public class ObjectStore extends KubernetesCrudDispatcher {

    private static final int MAX_TOMBSTONES = 1000;

    private final StatusSubresources statusSubresources;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Tombstone> tombstones = new ArrayDeque<>();

    public ObjectStore(StatusSubresources statusSubresources) {
        this.statusSubresources = statusSubresources;
    }

    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isStatusSubresourceEnabledForResource(String path) {
        AttributeSet key = getKey(path);
        String plural = value(key, KubernetesAttributesExtractor.PLURAL);
        String group = value(key, KubernetesAttributesExtractor.API);
        if (group == null || plural == null) {
            return true;
        }
        return statusSubresources
                .ofCustomResource(group, value(key, KubernetesAttributesExtractor.VERSION), plural)
                .orElse(true);
    }

    /** As the stock store, without the {@code namespace: null} it leaves on cluster-scoped objects. */
    @Override
    public void preserveMetadata(JsonNode currentResource, JsonNode updatedResource) {
        super.preserveMetadata(currentResource, updatedResource);
        if (updatedResource.path("metadata").path("namespace").isNull()) {
            ((ObjectNode) updatedResource.get("metadata")).remove("namespace");
        }
    }

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        String existing = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (newState != null) {
            JsonNode object = Serialization.unmarshal(newState, JsonNode.class);
            StoredObject written =
                    new StoredObject(pathOf(object, value(getKey(path), KubernetesAttributesExtractor.PLURAL)), object);
            listeners.forEach(listener -> listener.written(written));
        } else if (existing != null) {
            StoredObject removed =
                    new StoredObject(pathOf(oldAttributes), Serialization.unmarshal(existing, JsonNode.class));
            remember(new Tombstone(oldAttributes, existing, requestResourceVersion()));
            listeners.forEach(listener -> listener.removed(removed));
        }
    }

    private void remember(Tombstone tombstone) {
        synchronized (tombstones) {
            tombstones.addLast(tombstone);
            if (tombstones.size() > MAX_TOMBSTONES) {
                tombstones.removeFirst();
            }
        }
    }

    /**
     * What changed at {@code path} (selectors included) after {@code resourceVersion}, oldest first: the objects
     * written since, and the recent deletions. From version 0 every current object is reported as added.
     */
    public List<WatchEvent> changesSince(String path, long resourceVersion) {
        AttributeSet query = getKey(path);
        List<WatchEvent> events = new ArrayList<>();
        synchronized (map) {
            map.forEach((key, value) -> {
                if (key.matches(query)) {
                    JsonNode object = Serialization.unmarshal(value, JsonNode.class);
                    if (WatchEvent.versionOf(object) > resourceVersion) {
                        events.add(new WatchEvent(resourceVersion == 0 ? "ADDED" : "MODIFIED", object));
                    }
                }
            });
        }
        synchronized (tombstones) {
            tombstones.stream()
                    .filter(t -> t.version() > resourceVersion && t.key().matches(query))
                    .forEach(t -> events.add(new WatchEvent("DELETED", t.finalState())));
        }
        events.sort(Comparator.comparingLong(event -> WatchEvent.versionOf(event.object())));
        return events;
    }

    private static String pathOf(AttributeSet key) {
        return pathOf(
                value(key, KubernetesAttributesExtractor.API),
                value(key, KubernetesAttributesExtractor.VERSION),
                value(key, KubernetesAttributesExtractor.NAMESPACE),
                value(key, KubernetesAttributesExtractor.PLURAL),
                value(key, KubernetesAttributesExtractor.NAME));
    }

    private static String pathOf(JsonNode object, String plural) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        JsonNode metadata = object.path("metadata");
        return pathOf(
                slash < 0 ? null : apiVersion.substring(0, slash),
                apiVersion.substring(slash + 1),
                metadata.hasNonNull("namespace") ? metadata.get("namespace").asText() : null,
                plural,
                metadata.path("name").asText());
    }

    private static String pathOf(String group, String version, String namespace, String plural, String name) {
        StringBuilder path = new StringBuilder(group == null ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null && !namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        return path.append('/').append(plural).append('/').append(name).toString();
    }

    private static String value(AttributeSet key, String name) {
        Attribute attribute = key.getAttribute(name);
        return attribute == null || attribute.getValues().isEmpty()
                ? null
                : attribute.getValues().get(0).toString();
    }
}
