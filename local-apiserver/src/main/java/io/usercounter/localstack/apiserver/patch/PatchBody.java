package io.usercounter.localstack.apiserver.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.usercounter.localstack.apiserver.errors.ApiError;
import io.usercounter.localstack.apiserver.json.KubernetesJson;

/**
 * Applies a PATCH request body to the stored object, by its content type, giving the full object to store; so every
 * kind of patch then goes through the same update path (status kept, defaults applied).
 */
public final class PatchBody {

    private PatchBody() {}

    public static JsonNode apply(String contentType, JsonNode current, String body) {
        String mediaType = contentType.split(";")[0].trim();
        return switch (mediaType) {
            case "application/merge-patch+json" -> MergePatch.apply(current, parse(body));
            case "application/strategic-merge-patch+json" -> StrategicMergePatch.apply(current, parse(body));
            case "application/json-patch+json", "application/json", "" -> jsonPatch(current, body);
            case "application/apply-patch+yaml" ->
                throw ApiError.unsupportedMediaType(
                        "server-side apply is not supported by the local stack's API server; use a client-side update or patch");
            default ->
                throw ApiError.unsupportedMediaType("unsupported patch content type '" + mediaType
                        + "' (expected application/merge-patch+json, application/strategic-merge-patch+json"
                        + " or application/json-patch+json)");
        };
    }

    private static JsonNode jsonPatch(JsonNode current, String body) {
        try {
            JsonNode operations = parse(body);
            return JsonPatch.apply(operations, withParents(current.deepCopy(), operations));
        } catch (JsonPatchException e) {
            throw ApiError.invalid("the JSON patch cannot be applied: " + e.getMessage());
        }
    }

    /** Creates the missing parent objects of each operation's path, as the stock mock does for fabric8's edit(). */
    private static JsonNode withParents(JsonNode object, JsonNode operations) {
        for (JsonNode operation : operations) {
            String[] segments =
                    operation.path("path").asText().replaceFirst("^/", "").split("/");
            JsonNode node = object;
            for (int i = 0; i < segments.length - 1; i++) {
                String segment = segments[i].replace("~1", "/").replace("~0", "~");
                if (node.isObject() && node.get(segment) == null) {
                    ((ObjectNode) node).putObject(segment);
                }
                node = node.isArray() ? node.path(parseIndex(segment)) : node.path(segment);
            }
        }
        return object;
    }

    private static int parseIndex(String segment) {
        return segment.matches("\\d+") ? Integer.parseInt(segment) : -1;
    }

    private static JsonNode parse(String body) {
        try {
            return KubernetesJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the patch is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
