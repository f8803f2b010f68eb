package io.usercounter.app.cache;

/**
 * Where a shard's batch seqs start when Redis has no last seq for it (a new Redis, or one that lost its
 * data): above every seq any earlier Redis issued, so that a batch claimed after the loss is never taken
 * by MySQL for one claimed before it. Kept outside Redis, which is what lost them.
 */
@FunctionalInterface
public interface SeqFloors {

    long next();
}
