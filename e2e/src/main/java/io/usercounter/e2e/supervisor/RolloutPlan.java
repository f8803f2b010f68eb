package io.usercounter.e2e.supervisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The next step of a Deployment's RollingUpdate with maxSurge 1 and maxUnavailable 0 (what 25%/25% rounds
 * to for small replica counts): start one new pod, wait until it is ready, then stop one old pod.
 */
record RolloutPlan(int podsToStart, List<String> podsToStop) {

  /** What the plan needs to know about a pod, oldest first. */
  record Pod(String name, String templateHash, boolean ready) {
  }

  static RolloutPlan next(int desired, String currentHash, List<Pod> pods) {
    List<Pod> current = pods.stream().filter(p -> p.templateHash().equals(currentHash)).toList();
    List<Pod> old = pods.stream().filter(p -> !p.templateHash().equals(currentHash)).toList();
    List<String> stop = new ArrayList<>(surplus(current, current.size() - desired));
    if (old.isEmpty()) {
      return new RolloutPlan(Math.max(0, desired - current.size()), stop);
    }
    long readyCurrent = current.stream().filter(Pod::ready).count();
    stop.addAll(surplus(old, (int) (readyCurrent + old.size() - desired)));
    boolean surgeInFlight = readyCurrent < current.size();
    int start = !surgeInFlight && current.size() < desired ? 1 : 0;
    return new RolloutPlan(start, stop);
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
