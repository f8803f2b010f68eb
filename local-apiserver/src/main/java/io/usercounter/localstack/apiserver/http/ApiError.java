package io.usercounter.localstack.apiserver.http;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** A request the server refuses, answered as a Kubernetes {@code Status} the way kubectl prints it. */
public class ApiError extends RuntimeException {

  private final int code;
  private final String reason;

  public ApiError(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
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
    return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(getMessage()).build()));
  }
}
