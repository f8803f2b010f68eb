package io.usercounter.e2e.supervisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The next step of a Deployment's rollout. RollingUpdate: start new pods while the total stays within
 * desired + maxSurge, stop old pods while the ready ones stay at least desired - maxUnavailable (with the
 * default 25%/25% and 2 replicas: one new pod, wait until it is ready, stop one old pod). Recreate: stop every
 * old pod, then start the new ones.
 */
record RolloutPlan(int podsToStart, List<String> podsToStop) {

    /** What the plan needs to know about a pod, oldest first. */
    record Pod(String name, String templateHash, boolean ready) {}

    static RolloutPlan next(int desired, String currentHash, List<Pod> pods, RolloutStrategy strategy) {
        List<Pod> current =
                pods.stream().filter(p -> p.templateHash().equals(currentHash)).toList();
        List<Pod> old =
                pods.stream().filter(p -> !p.templateHash().equals(currentHash)).toList();
        List<String> stop = new ArrayList<>(surplus(current, current.size() - desired));
        int currentKept = Math.min(current.size(), desired);
        if (old.isEmpty()) {
            return new RolloutPlan(Math.max(0, desired - current.size()), stop);
        }
        if (strategy.recreate()) {
            stop.addAll(old.stream().map(Pod::name).toList());
            return new RolloutPlan(0, stop);
        }
        long readyCurrent = current.stream().filter(Pod::ready).limit(desired).count();
        long readyOld = old.stream().filter(Pod::ready).count();
        List<Pod> notReadyOld = old.stream().filter(p -> !p.ready()).toList();
        // an old pod that is not ready serves nobody: stopping it costs no availability
        notReadyOld.forEach(p -> stop.add(p.name()));
        int minAvailable = desired - strategy.maxUnavailable();
        List<Pod> readyOldPods = old.stream().filter(Pod::ready).toList();
        List<String> readyOldStopped = surplus(readyOldPods, (int) (readyCurrent + readyOld - minAvailable));
        stop.addAll(readyOldStopped);
        int oldLeft = old.size() - notReadyOld.size() - readyOldStopped.size();
        int room = desired + strategy.maxSurge() - (currentKept + oldLeft);
        return new RolloutPlan(Math.max(0, Math.min(desired - currentKept, room)), stop);
    }

    /** The pods to remove first: not ready before ready, newest before oldest, as a ReplicaSet scales down. */
    private static List<String> surplus(List<Pod> pods, int count) {
        if (count <= 0) {
            return List.of();
        }
        List<Pod> newestFirst = new ArrayList<>(pods);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .sorted(Comparator.comparing(Pod::ready))
                .limit(count)
                .map(Pod::name)
                .toList();
    }
}
