package io.usercounter.app.api;

/** What POST /api/v1/sync flushed: batches, users and the amount written to MySQL. */
record FlushJson(int batches, int users, long amount) {}
