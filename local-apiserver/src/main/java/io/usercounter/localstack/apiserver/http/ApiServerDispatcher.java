package io.usercounter.localstack.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.usercounter.localstack.apiserver.authz.SelfSubjectRulesReviews;
import io.usercounter.localstack.apiserver.crd.CrdEstablishment;
import io.usercounter.localstack.apiserver.crd.CustomResourceAdmission;
import io.usercounter.localstack.apiserver.crd.CustomResourceDefinitions;
import io.usercounter.localstack.apiserver.discovery.DiscoveryResponder;
import io.usercounter.localstack.apiserver.errors.ApiError;
import io.usercounter.localstack.apiserver.gc.NamespaceCollector;
import io.usercounter.localstack.apiserver.gc.OwnerReferenceCollector;
import io.usercounter.localstack.apiserver.json.KubernetesJson;
import io.usercounter.localstack.apiserver.patch.PatchBody;
import io.usercounter.localstack.apiserver.scale.ScaleSubresource;
import io.usercounter.localstack.apiserver.store.ObjectStore;
import io.usercounter.localstack.apiserver.table.TablePrinter;
import io.usercounter.localstack.apiserver.watch.HttpWatch;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The front of the local API server: answers discovery, turns every PATCH into a full update, applies CRD
 * defaults and validation, collects garbage (owner references, deleted namespaces) after writes and prints
 * Tables, and delegates storage to the stock CRUD store.
 * Every answer is JSON, and every failure is a Status: nothing escapes to leave a request unanswered.
 */
public final class ApiServerDispatcher extends Dispatcher {

    private final CustomResourceDefinitions crds;
    private final ObjectStore store;
    private final DiscoveryResponder discovery;
    private final CustomResourceAdmission admission;
    private final OwnerReferenceCollector collector;
    private final NamespaceCollector namespaces;
    private final TablePrinter tables;
    private final HttpWatch httpWatch;
    private final Object writes = new Object();
    private final Clock clock;

    public ApiServerDispatcher(Clock clock) {
        this.crds = new CustomResourceDefinitions();
        this.store = new ObjectStore(crds);
        store.addListener(crds);
        this.discovery = new DiscoveryResponder(crds);
        this.admission = new CustomResourceAdmission(crds);
        this.collector = new OwnerReferenceCollector(store);
        this.namespaces = new NamespaceCollector(store);
        this.tables = new TablePrinter(crds, clock);
        this.httpWatch = new HttpWatch(store);
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) {
        ApiRequest request = ApiRequest.of(recorded).withProtobufBodyAsJson();
        MockResponse response;
        try {
            response = route(request);
        } catch (ApiError e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            response = new ApiError(500, "InternalError", request.method() + " " + request.path() + " failed: " + e)
                    .toResponse();
        }
        return completed(request, response);
    }

    private MockResponse route(ApiRequest request) {
        if (request.contentType().contains("protobuf")) {
            throw ApiError.unsupportedMediaType("the local stack's API server reads protobuf bodies only for kubectl's "
                    + "create namespace, secret and configmap; send this one as JSON (kubectl apply -f or create -f)");
        }
        HttpMethod method = request.method() == null ? HttpMethod.ANY : request.method();
        if (request.isDryRun() && method != HttpMethod.GET) {
            return dryRun(method, request);
        }
        if (SelfSubjectRulesReviews.isFor(request.resourcePath())) {
            return SelfSubjectRulesReviews.respond(
                    method, method == HttpMethod.POST ? parse(request.bodyText()) : null);
        }
        if (request.isScale()) {
            return method == HttpMethod.GET ? scale(method, request) : write(() -> scale(method, request));
        }
        return switch (method) {
            case GET -> discovery.respond(request.resourcePath()).orElseGet(() -> read(request));
            case POST -> write(() -> create(request));
            case PUT -> write(() -> update(request, parse(request.bodyText())));
            case PATCH -> write(() -> patch(request));
            case DELETE -> write(() -> store.handleDelete(request.path()));
            default ->
                throw new ApiError(
                        405,
                        "MethodNotAllowed",
                        "the local stack's API server does not support the method " + request.method());
        };
    }

    private MockResponse read(ApiRequest request) {
        boolean asTable = TablePrinter.isRequested(request.header("Accept"));
        if (request.isWatch() && HttpWatch.isHttpWatch(request.header("Upgrade"))) {
            return httpWatch.respond(
                    request.path(), object -> asTable ? tables.print(request.resourcePath(), object, false) : object);
        }
        MockResponse response = store.handleGet(request.path());
        if (request.isWatch() || response.code() != 200 || !asTable) {
            return response;
        }
        JsonNode table = tables.print(
                request.resourcePath(),
                parse(response.getBody().readUtf8()),
                request.path().contains("includeObject=Object"));
        return response.setBody(Serialization.asJson(table));
    }

    private MockResponse create(ApiRequest request) {
        MockResponse created = store.handleCreate(
                request.toStore(HttpMethod.POST, request.resourcePath(), admitted(parse(request.bodyText()))));
        if (created.code() != 201 || !request.resourcePath().equals(CustomResourceDefinitions.PATH)) {
            return created;
        }
        JsonNode crd = parse(created.getBody().readUtf8());
        String statusPath = CustomResourceDefinitions.PATH + "/"
                + crd.path("metadata").path("name").asText() + "/status";
        MockResponse established = update(
                request,
                statusPath,
                CrdEstablishment.established(
                        crd, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
        return established.setResponseCode(201);
    }

    private MockResponse update(ApiRequest request, JsonNode object) {
        return update(request, request.resourcePath(), object);
    }

    private MockResponse update(ApiRequest request, String path, JsonNode object) {
        return store.handleUpdate(request.toStore(HttpMethod.PUT, path, admitted(object)));
    }

    /**
     * The scale subresource: read and written as a Scale, stored as the workload's spec.replicas, or for a custom
     * resource at its CRD's scale paths; a custom resource whose CRD declares no scale subresource has no such path.
     */
    private MockResponse scale(HttpMethod method, ApiRequest request) {
        Optional<CustomResourceSubresourceScale> customScale = customResourceScale(request.objectPath());
        MockResponse current = store.handleGet(request.objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode object = parse(current.getBody().readUtf8());
        JsonNode currentScale = customScale
                .map(paths -> ScaleSubresource.scaleOf(object, paths))
                .orElseGet(() -> ScaleSubresource.scaleOf(object));
        JsonNode wanted = switch (method) {
            case GET -> null;
            case PUT -> parse(request.bodyText());
            case PATCH -> PatchBody.apply(request.contentType(), currentScale, request.bodyText());
            default -> throw new ApiError(405, "MethodNotAllowed", "the scale subresource supports GET, PUT and PATCH");
        };
        if (wanted == null) {
            return current.setBody(Serialization.asJson(currentScale));
        }
        MockResponse updated = update(
                request,
                request.objectPath(),
                customScale
                        .map(paths -> ScaleSubresource.withReplicas(object, wanted, paths))
                        .orElseGet(() -> ScaleSubresource.withReplicas(object, wanted)));
        if (updated.code() != 200) {
            return updated;
        }
        JsonNode stored = parse(updated.getBody().readUtf8());
        return updated.setBody(Serialization.asJson(customScale
                .map(paths -> ScaleSubresource.scaleOf(stored, paths))
                .orElseGet(() -> ScaleSubresource.scaleOf(stored))));
    }

    /** The scale paths of a custom resource's CRD version; a 404 when it is a custom resource without them. */
    private Optional<CustomResourceSubresourceScale> customResourceScale(String objectPath) {
        String[] segments = objectPath.split("/");
        if (segments.length < 6 || !"apis".equals(segments[1])) {
            return Optional.empty();
        }
        String group = segments[2];
        String version = segments[3];
        String plural = segments[segments.length - 2];
        return crds.byPlural(group, plural)
                .map(crd -> CustomResourceDefinitions.version(crd, version)
                        .map(v -> v.getSubresources() == null
                                ? null
                                : v.getSubresources().getScale())
                        // upstream registers no /scale route for it, so the answer is the generic 404 of an unknown
                        // path
                        .orElseThrow(() ->
                                new ApiError(404, "NotFound", "the server could not find the requested resource")));
    }

    private MockResponse patch(ApiRequest request) {
        MockResponse current = store.handleGet(request.objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode patched =
                PatchBody.apply(request.contentType(), parse(current.getBody().readUtf8()), request.bodyText());
        return update(request, patched);
    }

    /** A write as it would be stored (defaulted and validated), without storing it. */
    private MockResponse dryRun(HttpMethod method, ApiRequest request) {
        return switch (method) {
            case POST -> new MockResponse().setResponseCode(201).setBody(admitted(parse(request.bodyText())));
            case PUT -> new MockResponse().setResponseCode(200).setBody(admitted(parse(request.bodyText())));
            case PATCH -> {
                MockResponse current = store.handleGet(request.objectPath());
                yield current.code() != 200
                        ? current
                        : current.setBody(admitted(PatchBody.apply(
                                request.contentType(), parse(current.getBody().readUtf8()), request.bodyText())));
            }
            case DELETE -> store.handleGet(request.resourcePath());
            default -> throw new ApiError(405, "MethodNotAllowed", "dry run supports POST, PUT, PATCH and DELETE");
        };
    }

    private MockResponse write(Supplier<MockResponse> operation) {
        synchronized (writes) {
            MockResponse response = operation.get();
            namespaces.collect();
            collector.collect();
            return response;
        }
    }

    /** The object as it is stored: defaulted, or refused with a 422 naming each invalid field. */
    private String admitted(JsonNode object) {
        admission.admit(object).ifPresent(rejection -> {
            throw ApiError.invalid(rejection);
        });
        return Serialization.asJson(object);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = KubernetesJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Always JSON (kubectl asks for protobuf first), and a Status where the stock store left a 404 empty. */
    private static MockResponse completed(ApiRequest request, MockResponse response) {
        if (response.getWebSocketListener() != null) {
            return response;
        }
        if (response.code() == 404
                && (response.getBody() == null || response.getBody().size() == 0)) {
            String[] segments = request.objectPath().split("/");
            String resource = segments.length > 1 ? segments[segments.length - 2] : "resource";
            response =
                    ApiError.notFound(resource, segments[segments.length - 1]).toResponse();
        }
        if (response.code() == 409
                && response.getBody() != null
                && response.getBody().size() > 0) {
            response = withConflictReason(request, response);
        }
        if (response.header("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    /** The stock store says "Invalid" for every 409; upstream says AlreadyExists to a create, else Conflict. */
    private static MockResponse withConflictReason(ApiRequest request, MockResponse response) {
        JsonNode status = parse(response.getBody().readUtf8());
        ((ObjectNode) status).put("reason", request.method() == HttpMethod.POST ? "AlreadyExists" : "Conflict");
        return response.setBody(Serialization.asJson(status));
    }
}
