package io.usercounter.app.api;

import io.usercounter.app.sync.FlushReport;
import io.usercounter.app.sync.SyncService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SyncController {

    private final SyncService sync;

    public SyncController(SyncService sync) {
        this.sync = sync;
    }

    @PostMapping("/api/v1/sync")
    public ApiResponse<FlushJson> syncAll() {
        FlushReport report = sync.syncAll();
        return new ApiResponse<>("all users synced", new FlushJson(report.batches(), report.users(), report.amount()));
    }
}
