package io.usercounter.app.store;

import java.util.Map;

/**
 * A group of Strong increments after its commit.
 *
 * @param committed  the state after the commit of every user whose increments were applied
 * @param outOfRange the state of every user whose increments were refused because they would exceed the range
 */
public record GroupCommit(Map<Long, CounterSnapshot> committed, Map<Long, CounterSnapshot> outOfRange) {}
