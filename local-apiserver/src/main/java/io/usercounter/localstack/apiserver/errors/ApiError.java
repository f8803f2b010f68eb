package io.usercounter.localstack.apiserver.errors;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.usercounter.localstack.apiserver.crd.Rejection;
import java.util.List;

/** A request the server refuses, answered as a Kubernetes {@code Status} the way kubectl prints it. */
public class ApiError extends RuntimeException {

    private final int code;
    private final String reason;
    private final StatusDetails details;

    public ApiError(int code, String reason, String message) {
        this(code, reason, message, null);
    }

    private ApiError(int code, String reason, String message, StatusDetails details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    /** A 422 with one cause per field, from which kubectl prints {@code The UserCounter "demo" is invalid: * ...}. */
    public static ApiError invalid(Rejection rejection) {
        List<StatusCause> causes = rejection.errors().stream()
                .map(error -> {
                    int colon = error.indexOf(": ");
                    return new StatusCauseBuilder()
                            .withReason("FieldValueInvalid")
                            .withField(error.substring(0, colon))
                            .withMessage(error.substring(colon + 2))
                            .build();
                })
                .toList();
        return new ApiError(
                422,
                "Invalid",
                rejection.message(),
                new StatusDetailsBuilder()
                        .withKind(rejection.kind())
                        .withGroup(rejection.group())
                        .withName(rejection.name())
                        .withCauses(causes)
                        .build());
    }

    public static ApiError notFound(String resource, String name) {
        return new ApiError(404, "NotFound", resource + " \"" + name + "\" not found");
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "UnsupportedMediaType", message);
    }

    public static ApiError invalid(String message) {
        return new ApiError(422, "Invalid", message);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message);
    }

    public int code() {
        return code;
    }

    public MockResponse toResponse() {
        return new MockResponse()
                .setResponseCode(code)
                .setBody(Serialization.asJson(new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(code)
                        .withReason(reason)
                        .withMessage(getMessage())
                        .withDetails(details)
                        .build()));
    }
}
