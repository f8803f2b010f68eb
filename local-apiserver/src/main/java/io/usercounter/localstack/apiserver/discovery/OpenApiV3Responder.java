package io.usercounter.localstack.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.usercounter.localstack.apiserver.crd.CustomResourceDefinitions;
import io.usercounter.localstack.apiserver.errors.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal OpenAPI v3 document per group version: paths only, each PATCH declaring the {@code fieldValidation}
 * parameter. That tells kubectl to leave validation to this server (which validates custom resources), so a plain
 * {@code kubectl apply} works without {@code --validate=false}. No schemas are published: kubectl then computes
 * patches from its own types, as without OpenAPI.
 */
public final class OpenApiV3Responder {

    private static final String PREFIX = "/openapi/v3";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CustomResourceDefinitions crds;

    public OpenApiV3Responder(CustomResourceDefinitions crds) {
        this.crds = crds;
    }

    public Optional<MockResponse> respond(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String groupVersion = path.substring(PREFIX.length()).replaceFirst("^/", "");
        Map<String, ObjectNode> documents = documents();
        if (groupVersion.isEmpty()) {
            ObjectNode root = JSON.objectNode();
            ObjectNode paths = root.putObject("paths");
            documents.keySet().forEach(gv -> paths.putObject(gv).put("serverRelativeURL", PREFIX + "/" + gv));
            return Optional.of(json(root));
        }
        ObjectNode document = documents.get(groupVersion);
        return Optional.of(
                document == null ? ApiError.notFound("openapi", groupVersion).toResponse() : json(document));
    }

    private Map<String, ObjectNode> documents() {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        BuiltinResource.ALL.forEach(
                r -> addPath(documents, r.group(), r.version(), r.plural(), r.kind(), r.namespaced()));
        for (CustomResourceDefinition crd : crds.all()) {
            var spec = crd.getSpec();
            spec.getVersions().stream()
                    .filter(v -> Boolean.TRUE.equals(v.getServed()))
                    .forEach(v -> addPath(
                            documents,
                            spec.getGroup(),
                            v.getName(),
                            spec.getNames().getPlural(),
                            spec.getNames().getKind(),
                            "Namespaced".equals(spec.getScope())));
        }
        return documents;
    }

    private static void addPath(
            Map<String, ObjectNode> documents,
            String group,
            String version,
            String plural,
            String kind,
            boolean namespaced) {
        String groupVersion = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
        ObjectNode document = documents.computeIfAbsent(groupVersion, gv -> {
            ObjectNode created = JSON.objectNode().put("openapi", "3.0.0");
            created.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
            created.putObject("paths");
            created.putObject("components").putObject("schemas");
            return created;
        });
        String path = "/" + groupVersion + (namespaced ? "/namespaces/{namespace}/" : "/") + plural + "/{name}";
        ObjectNode patch = ((ObjectNode) document.get("paths")).putObject(path).putObject("patch");
        patch.putObject("x-kubernetes-group-version-kind")
                .put("group", group)
                .put("version", version)
                .put("kind", kind);
        patch.putArray("parameters")
                .addObject()
                .put("name", "fieldValidation")
                .put("in", "query")
                .putObject("schema")
                .put("type", "string");
        patch.putObject("responses").putObject("200").put("description", "OK");
    }

    private static MockResponse json(ObjectNode document) {
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(document));
    }
}
