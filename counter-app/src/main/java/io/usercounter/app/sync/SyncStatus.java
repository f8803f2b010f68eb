package io.usercounter.app.sync;

import java.time.Instant;

/**
 * @param cache    the value Redis serves, or null when nothing is cached or Redis is unreachable
 * @param database the value in MySQL
 * @param pending  the amount Redis holds that MySQL does not have yet, null when Redis is unreachable
 */
public record SyncStatus(long userId, Long cache, long database, Long pending, boolean inSync, Instant lastSyncedAt) {}
