package io.usercounter.localstack.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of strategic merge patch that kubectl's client-side apply needs, without the Go type registry: lists of
 * objects that all carry one of the usual merge keys ({@link #MERGE_KEYS}) are merged element by element
 * ({@code $patch: delete} removes one); every other list is replaced, like in a JSON merge patch. Directives this
 * server does not interpret ({@code $setElementOrder}, {@code $retainKeys}) are dropped, never stored.
 */
public final class StrategicMergePatch {

    /** The merge keys of the core types, most specific first (volumeMounts also have a name, for example). */
    static final List<String> MERGE_KEYS = List.of("mountPath", "containerPort", "devicePath", "name", "type", "ip");

    private static final String DIRECTIVE = "$patch";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {}

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path(DIRECTIVE).asText())) {
            ObjectNode replacement = ((ObjectNode) patch).deepCopy();
            replacement.remove(DIRECTIVE);
            return replacement;
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                removeValues(result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
            } else if (key.startsWith("$")) {
                continue;
            } else if (value.isNull()) {
                result.remove(key);
            } else if (value.isArray() && result.path(key).isArray()) {
                result.set(key, mergeList((ArrayNode) result.get(key), (ArrayNode) value));
            } else {
                result.set(key, apply(result.get(key), value));
            }
        }
        return result;
    }

    private static JsonNode mergeList(ArrayNode current, ArrayNode patch) {
        Optional<String> mergeKey = MERGE_KEYS.stream()
                .filter(key -> allHave(patch, key) && allHave(current, key))
                .findFirst();
        if (mergeKey.isEmpty()) {
            return withoutDirectives(patch);
        }
        String key = mergeKey.get();
        ArrayNode merged = current.deepCopy();
        for (JsonNode element : patch) {
            int index = indexOf(merged, key, element.get(key));
            if ("delete".equals(element.path(DIRECTIVE).asText())) {
                if (index >= 0) {
                    merged.remove(index);
                }
            } else if (index >= 0) {
                merged.set(index, apply(merged.get(index), element));
            } else {
                merged.add(apply(null, element));
            }
        }
        return merged;
    }

    private static ArrayNode withoutDirectives(ArrayNode list) {
        ArrayNode cleaned = JsonNodeFactory.instance.arrayNode();
        list.forEach(element -> cleaned.add(element.isObject() ? apply(null, element) : element.deepCopy()));
        return cleaned;
    }

    private static boolean allHave(ArrayNode list, String key) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.has(key)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static void removeValues(ObjectNode result, String field, JsonNode values) {
        if (result.path(field).isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            result.get(field).forEach(element -> {
                boolean removed = false;
                for (JsonNode value : values) {
                    removed |= value.equals(element);
                }
                if (!removed) {
                    kept.add(element);
                }
            });
            result.set(field, kept);
        }
    }
}
