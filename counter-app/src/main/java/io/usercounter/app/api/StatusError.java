package io.usercounter.app.api;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The {"error", "message"} of a status that no handler of the API answered: Tomcat refused the request first. */
public final class StatusError {

    static final String MALFORMED = "the request is malformed (for example an invalid URL encoding)";

    private StatusError() {}

    public static ApiError of(int status) {
        if (status == 400) {
            return new ApiError("bad_request", MALFORMED);
        }
        if (status == 413) {
            // the code the API's own body limit answers with (Spring 7 renamed the reason phrase)
            return new ApiError("payload_too_large", "the request body is too large");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error" : known.getReasonPhrase();
        return new ApiError(reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), reason);
    }
}
