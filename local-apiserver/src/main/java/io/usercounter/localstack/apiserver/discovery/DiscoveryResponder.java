package io.usercounter.localstack.apiserver.discovery;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.usercounter.localstack.apiserver.crd.CustomResourceDefinitions;
import io.usercounter.localstack.apiserver.errors.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answers the discovery documents kubectl and fabric8 read: the API groups, their resources and /version. */
public final class DiscoveryResponder {

    private static final Pattern GROUP_PATH = Pattern.compile("/apis/(?<group>[^/]+)(/(?<version>[^/]+))?/?");
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-local-stack\","
            + "\"gitCommit\":\"\",\"gitTreeState\":\"clean\",\"buildDate\":\"2025-01-01T00:00:00Z\","
            + "\"goVersion\":\"\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";

    private final CustomResourceDefinitions crds;
    private final OpenApiV3Responder openApi;

    public DiscoveryResponder(CustomResourceDefinitions crds) {
        this.crds = crds;
        this.openApi = new OpenApiV3Responder(crds);
    }

    /** The discovery document at {@code path}, or empty when the path is not a discovery path. */
    public Optional<MockResponse> respond(String path) {
        switch (path) {
            case "/", "":
                return ok(new RootPathsBuilder()
                        .withPaths("/api", "/api/v1", "/apis", "/version")
                        .build());
            case "/version", "/version/":
                return Optional.of(new MockResponse().setResponseCode(200).setBody(VERSION));
            case "/healthz", "/livez", "/readyz":
                return Optional.of(new MockResponse()
                        .setResponseCode(200)
                        .setHeader("Content-Type", "text/plain")
                        .setBody("ok"));
            case "/openapi/v2":
                // no v2 document: kubectl reads v3 first, and without schemas computes patches from its own types
                return Optional.of(ApiError.notFound("openapi", path).toResponse());
            case "/api", "/api/":
                return ok(new APIVersionsBuilder().withVersions("v1").build());
            case "/api/v1", "/api/v1/":
                return ok(resourceList("", "v1"));
            case "/apis", "/apis/":
                return ok(new APIGroupListBuilder().withGroups(groups()).build());
            default:
                return openApi.respond(path).or(() -> groupPath(path));
        }
    }

    private Optional<MockResponse> groupPath(String path) {
        Matcher matcher = GROUP_PATH.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String group = matcher.group("group");
        String version = matcher.group("version");
        Optional<APIGroup> apiGroup =
                groups().stream().filter(g -> g.getName().equals(group)).findFirst();
        if (version == null) {
            return Optional.of(apiGroup.map(DiscoveryResponder::json)
                    .orElseGet(() -> ApiError.notFound("apigroups", group).toResponse()));
        }
        boolean served = apiGroup.stream()
                .flatMap(g -> g.getVersions().stream())
                .anyMatch(v -> v.getVersion().equals(version));
        return Optional.of(
                served
                        ? json(resourceList(group, version))
                        : ApiError.notFound("apiversions", group + "/" + version)
                                .toResponse());
    }

    private List<APIGroup> groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        BuiltinResource.ALL.stream()
                .filter(r -> !r.group().isEmpty())
                .forEach(r -> addVersion(versionsByGroup, r.group(), r.version()));
        for (CustomResourceDefinition crd : crds.all()) {
            crd.getSpec().getVersions().stream()
                    .filter(CustomResourceDefinitionVersion::getServed)
                    .sorted((a, b) ->
                            Boolean.compare(Boolean.TRUE.equals(b.getStorage()), Boolean.TRUE.equals(a.getStorage())))
                    .forEach(v -> addVersion(versionsByGroup, crd.getSpec().getGroup(), v.getName()));
        }
        List<APIGroup> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> {
            List<GroupVersionForDiscovery> discovered = versions.stream()
                    .map(v -> new GroupVersionForDiscovery(group + "/" + v, v))
                    .toList();
            groups.add(new APIGroupBuilder()
                    .withApiVersion("v1")
                    .withKind("APIGroup")
                    .withName(group)
                    .withVersions(discovered)
                    .withPreferredVersion(discovered.get(0))
                    .build());
        });
        return groups;
    }

    private static void addVersion(Map<String, List<String>> versionsByGroup, String group, String version) {
        List<String> versions = versionsByGroup.computeIfAbsent(group, g -> new ArrayList<>());
        if (!versions.contains(version)) {
            versions.add(version);
        }
    }

    private Object resourceList(String group, String version) {
        List<APIResource> resources = new ArrayList<>();
        BuiltinResource.ALL.stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version))
                .forEach(r -> {
                    resources.add(resource(
                            r.plural(), r.singular(), r.kind(), r.namespaced(), VERBS, r.shortNames(), r.categories()));
                    resources.add(resource(
                            r.plural() + "/status", "", r.kind(), r.namespaced(), STATUS_VERBS, List.of(), List.of()));
                });
        for (CustomResourceDefinition crd : crds.all()) {
            var names = crd.getSpec().getNames();
            boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
            if (crd.getSpec().getGroup().equals(group)
                    && CustomResourceDefinitions.version(crd, version).isPresent()) {
                resources.add(resource(
                        names.getPlural(),
                        names.getSingular(),
                        names.getKind(),
                        namespaced,
                        VERBS,
                        names.getShortNames(),
                        names.getCategories()));
                if (CustomResourceDefinitions.hasStatusSubresource(crd, version)) {
                    resources.add(resource(
                            names.getPlural() + "/status",
                            "",
                            names.getKind(),
                            namespaced,
                            STATUS_VERBS,
                            List.of(),
                            List.of()));
                }
            }
        }
        return new APIResourceListBuilder()
                .withApiVersion("v1")
                .withKind("APIResourceList")
                .withGroupVersion(group.isEmpty() ? version : group + "/" + version)
                .withResources(resources)
                .build();
    }

    private static APIResource resource(
            String name,
            String singular,
            String kind,
            boolean namespaced,
            List<String> verbs,
            List<String> shortNames,
            List<String> categories) {
        return new APIResourceBuilder()
                .withName(name)
                .withSingularName(singular == null ? "" : singular)
                .withKind(kind)
                .withNamespaced(namespaced)
                .withVerbs(verbs)
                .withShortNames(shortNames == null || shortNames.isEmpty() ? null : shortNames)
                .withCategories(categories == null || categories.isEmpty() ? null : categories)
                .build();
    }

    private static Optional<MockResponse> ok(Object document) {
        return Optional.of(json(document));
    }

    private static MockResponse json(Object document) {
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(document));
    }
}
