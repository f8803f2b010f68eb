package io.usercounter.app.api;

import io.usercounter.app.sync.SyncStatus;
import java.time.Instant;

record SyncStatusJson(long userId, Long cache, long database, Long pending, boolean inSync, Instant lastSyncedAt) {

    static SyncStatusJson of(SyncStatus status) {
        return new SyncStatusJson(
                status.userId(),
                status.cache(),
                status.database(),
                status.pending(),
                status.inSync(),
                status.lastSyncedAt());
    }
}
