package io.usercounter.app.web;

import io.usercounter.app.api.ApiError;
import io.usercounter.app.api.StatusError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page Tomcat forwards to when it answers a request itself (a TRACE, say): the API's shape in
 * JSON whatever the client accepts, instead of Boot's HTML page for a browser's Accept.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value && value >= 400 ? value : 500;
        return ResponseEntity.status(code)
                .contentType(MediaType.APPLICATION_JSON)
                .body(StatusError.of(code));
    }
}
