package io.usercounter.localstack.apiserver.http;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.usercounter.localstack.apiserver.protobuf.ProtobufBody;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A recorded request read without consuming its body, and rewritten copies of it for the store. */
public record ApiRequest(HttpMethod method, String path, Headers headers, byte[] body) {

    public static ApiRequest of(RecordedRequest request) {
        byte[] body =
                request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        return new ApiRequest(request.method(), request.getPath(), request.getHeaders(), body);
    }

    /** This request with a protobuf body kubectl's typed commands send read as JSON, when it is of a kind we read. */
    public ApiRequest withProtobufBodyAsJson() {
        if (!contentType().contains("protobuf")) {
            return this;
        }
        return ProtobufBody.toJson(body)
                .map(json -> new ApiRequest(
                        method,
                        path,
                        headers.newBuilder()
                                .set("Content-Type", "application/json")
                                .build(),
                        Serialization.asJson(json).getBytes(StandardCharsets.UTF_8)))
                .orElse(this);
    }

    /** The path without its query string: the store reads "/status" only at the very end of the path. */
    public String resourcePath() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    public boolean isStatus() {
        return resourcePath().endsWith("/status");
    }

    public boolean isScale() {
        return resourcePath().endsWith("/scale");
    }

    /** The main resource's path, for a request to its status or scale subresource. */
    public String objectPath() {
        String resourcePath = resourcePath();
        if (isStatus() || isScale()) {
            return resourcePath.substring(0, resourcePath.lastIndexOf('/'));
        }
        return resourcePath;
    }

    public String header(String name) {
        String value = headers.header(name);
        return value == null ? "" : value;
    }

    public String contentType() {
        return header("Content-Type").toLowerCase(Locale.ROOT);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code ?dryRun=All}: admit the write and answer it, but store nothing. */
    public boolean isDryRun() {
        return path.contains("dryRun=All");
    }

    public boolean isWatch() {
        return path.contains("watch=true") || path.contains("watch=1");
    }

    /** The same request as a JSON write of {@code newBody} to {@code newPath}, for the stock store to handle. */
    public RecordedRequest toStore(HttpMethod newMethod, String newPath, String newBody) {
        Headers jsonHeaders =
                headers.newBuilder().set("Content-Type", "application/json").build();
        return new RecordedRequest(
                "HTTP/1.1", newMethod, newPath, jsonHeaders, new Buffer(newBody.getBytes(StandardCharsets.UTF_8)));
    }
}
