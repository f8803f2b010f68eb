package io.usercounter.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP floor the benchmarks divide by: the envelope every answer pays for, and no store touched. */
@RestController
@Tag(name = "operations", description = "Endpoints for operating the service")
class NoopController {

    private static final ApiResponse<Map<String, Object>> OK = new ApiResponse<>("ok", Map.of());

    @GetMapping("/api/v1/noop")
    @Operation(summary = "Answer at once, touching neither MySQL nor Redis (the benchmarks' HTTP floor)")
    ApiResponse<Map<String, Object>> noop() {
        return OK;
    }
}
