package io.usercounter.app.sync.model;

import java.util.Map;
import java.util.TreeMap;

/** How often each kind of step and outcome occurred over a model test run, so its report shows what it covered. */
final class ModelTally {

    private final Map<String, Long> counts = new TreeMap<>();

    synchronized void add(String what) {
        add(what, 1);
    }

    synchronized void add(String what, long amount) {
        counts.merge(what, amount, Long::sum);
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        counts.forEach(
                (what, count) -> text.append("\n  ").append(what).append(": ").append(count));
        return text.toString();
    }
}
