package io.usercounter.app.sync.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** A weighted choice among the steps possible now (weight 0: not possible), named for the failure message and the tally. */
final class StepChoices {

    private final Random random;
    private final List<Integer> weights = new ArrayList<>();
    private final List<Named> steps = new ArrayList<>();
    private int total;

    StepChoices(Random random) {
        this.random = random;
    }

    void add(String name, int weight, Supplier<String> step) {
        weights.add(weight);
        steps.add(new Named(name, step));
        total += weight;
    }

    /** A kind of step and the step itself. */
    record Named(String name, Supplier<String> step) {}

    Named pick() {
        int roll = random.nextInt(total);
        for (int i = 0; i < steps.size(); i++) {
            roll -= weights.get(i);
            if (roll < 0) {
                return steps.get(i);
            }
        }
        throw new IllegalStateException("no step");
    }
}
