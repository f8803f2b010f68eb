package io.usercounter.app.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report, for requests it refuses before Spring sees them (an invalid URL
 * encoding, say): the API's {"error", "message"} shape instead of an HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    static final String MALFORMED = "the request is malformed (for example an invalid URL encoding)";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error" : known.getReasonPhrase();
        String code = status == 400 ? "bad_request" : reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String message = status == 400 ? MALFORMED : reason;
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more to send
        }
    }
}
