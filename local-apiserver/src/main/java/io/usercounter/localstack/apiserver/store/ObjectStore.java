package io.usercounter.localstack.apiserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.usercounter.localstack.apiserver.crd.CustomResourceDefinitions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stock CRUD store with three changes: every built-in kind has a status subresource (as on a real API server),
 * stored CRDs are tracked for the other gap closers, and removed and owned objects are remembered for garbage
 * collection.
 */
public class ObjectStore extends KubernetesCrudDispatcher {

  private static final int MAX_TOMBSTONES = 1000;

  private final CustomResourceDefinitions crds;
  private final Set<String> liveUids = ConcurrentHashMap.newKeySet();
  private final Set<String> removedUids = new HashSet<>();
  private final List<StoredObject> ownedWrites = new ArrayList<>();
  private final Deque<Tombstone> tombstones = new ArrayDeque<>();

  public ObjectStore(CustomResourceDefinitions crds) {
    this.crds = crds;
  }

  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    AttributeSet key = getKey(path);
    String plural = value(key, KubernetesAttributesExtractor.PLURAL);
    String group = value(key, KubernetesAttributesExtractor.API);
    if (group == null || plural == null) {
      return true;
    }
    return crds.byPlural(group, plural)
        .map(crd -> CustomResourceDefinitions.hasStatusSubresource(crd, value(key, KubernetesAttributesExtractor.VERSION)))
        .orElse(true);
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    String existing = oldAttributes == null ? null : map.get(oldAttributes);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (path.startsWith(CustomResourceDefinitions.PATH)) {
      trackCrd(existing, newState);
    }
    if (newState != null) {
      JsonNode object = Serialization.unmarshal(newState, JsonNode.class);
      StoredObject written = new StoredObject(pathOf(object, value(getKey(path), KubernetesAttributesExtractor.PLURAL)),
          object);
      liveUids.add(written.uid());
      if (written.object().path("metadata").path("ownerReferences").size() > 0) {
        synchronized (ownedWrites) {
          ownedWrites.add(written);
        }
      }
    } else if (existing != null) {
      String uid = Serialization.unmarshal(existing, GenericKubernetesResource.class).getMetadata().getUid();
      liveUids.remove(uid);
      remember(new Tombstone(oldAttributes, existing, requestResourceVersion()));
      synchronized (removedUids) {
        removedUids.add(uid);
      }
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
      tombstones.stream().filter(t -> t.version() > resourceVersion && t.key().matches(query))
          .forEach(t -> events.add(new WatchEvent("DELETED", t.finalState())));
    }
    events.sort(Comparator.comparingLong(event -> WatchEvent.versionOf(event.object())));
    return events;
  }

  public boolean isLive(String uid) {
    return liveUids.contains(uid);
  }

  /** The objects with owner references written since the last call. */
  public List<StoredObject> takeOwnedWrites() {
    synchronized (ownedWrites) {
      List<StoredObject> taken = List.copyOf(ownedWrites);
      ownedWrites.clear();
      return taken;
    }
  }

  private void trackCrd(String existing, String newState) {
    if (newState != null) {
      crds.put(Serialization.unmarshal(newState, CustomResourceDefinition.class));
    } else if (existing != null) {
      crds.remove(Serialization.unmarshal(existing, CustomResourceDefinition.class));
    }
  }

  /** The uids of the objects removed since the last call. */
  public Set<String> takeRemovedUids() {
    synchronized (removedUids) {
      Set<String> taken = Set.copyOf(removedUids);
      removedUids.clear();
      return taken;
    }
  }

  /** A snapshot of every stored object with the path it lives at. */
  public List<StoredObject> objects() {
    List<StoredObject> objects = new ArrayList<>();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
        objects.add(new StoredObject(pathOf(entry.getKey()), Serialization.unmarshal(entry.getValue(), JsonNode.class)));
      }
    }
    return objects;
  }

  private static String pathOf(AttributeSet key) {
    return pathOf(value(key, KubernetesAttributesExtractor.API), value(key, KubernetesAttributesExtractor.VERSION),
        value(key, KubernetesAttributesExtractor.NAMESPACE), value(key, KubernetesAttributesExtractor.PLURAL),
        value(key, KubernetesAttributesExtractor.NAME));
  }

  private static String pathOf(JsonNode object, String plural) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    JsonNode metadata = object.path("metadata");
    return pathOf(slash < 0 ? null : apiVersion.substring(0, slash), apiVersion.substring(slash + 1),
        metadata.hasNonNull("namespace") ? metadata.get("namespace").asText() : null, plural,
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
    return attribute == null || attribute.getValues().isEmpty() ? null : attribute.getValues().get(0).toString();
  }
}
