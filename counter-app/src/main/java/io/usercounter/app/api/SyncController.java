package io.usercounter.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.usercounter.app.sync.FlushReport;
import io.usercounter.app.sync.SyncService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "sync", description = "Eventual-mode flushes")
class SyncController {

    private final SyncService sync;

    SyncController(SyncService sync) {
        this.sync = sync;
    }

    @Operation(summary = "Flush every pending amount to MySQL now")
    // JSON only: an Accept without it is refused before the flush runs
    @PostMapping(path = "/api/v1/sync", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<FlushJson> syncAll() {
        FlushReport report = sync.syncAll();
        return new ApiResponse<>("all users synced", new FlushJson(report.batches(), report.users(), report.amount()));
    }
}
