package io.usercounter.app.sync;

/** The points between the steps of a flush, where a replica may die. */
public enum FlushStep {
    /** the batch is claimed in Redis, MySQL not touched yet */
    CLAIMED,
    /** MySQL rows are updated inside the transaction, not committed yet */
    APPLYING,
    /** MySQL committed, Redis not acknowledged yet */
    COMMITTED
}
