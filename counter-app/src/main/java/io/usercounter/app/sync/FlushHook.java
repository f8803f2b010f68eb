package io.usercounter.app.sync;

/** A seam between flush steps; tests throw from it to stand for a replica dying at that point. */
@FunctionalInterface
public interface FlushHook {

    FlushHook NONE = step -> {};

    void reached(FlushStep step);
}
