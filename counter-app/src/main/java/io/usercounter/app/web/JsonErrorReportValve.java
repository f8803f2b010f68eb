package io.usercounter.app.web;

import io.usercounter.app.api.ApiError;
import io.usercounter.app.api.StatusError;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error report, for requests it refuses before Spring sees them (an invalid URL
 * encoding, say): the API's {"error", "message"} shape instead of an HTML page.
 */
class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        ApiError error = StatusError.of(status);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + error.error() + "\",\"message\":\"" + error.message() + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more to send
        }
    }
}
