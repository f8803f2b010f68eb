package io.usercounter.operator.status;

import static io.usercounter.operator.api.v1alpha1.UserCounterStatus.READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.usercounter.operator.api.v1alpha1.UserCounter;
import io.usercounter.operator.api.v1alpha1.UserCounterStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the Events (events.k8s.io/v1) {@code kubectl describe uc} shows. As client-go's event recorder does, an
 * Event repeating one already recorded for the same object, type, reason and note within {@link #SERIES_WINDOW} of
 * its last occurrence updates that Event's {@code series} instead of creating another. Callers pass notes built
 * from names and reasons only, never a Secret value. Recording is best effort: a failure is logged, never thrown.
 */
public class UserCounterEvents {

    public static final String API_GROUP = "events.k8s.io";
    public static final String RESOURCE = "events";
    public static final String REPORTING_CONTROLLER = "usercounter.io/usercounter-operator";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    /** client-go finishes an event series after six minutes without a repeat. */
    static final Duration SERIES_WINDOW = Duration.ofMinutes(6);
    /** The API server refuses a note of more than 1 kB. */
    private static final int MAX_NOTE_BYTES = 1024;

    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
    private static final Set<String> SECRET_MISSING =
            Set.of(ReconcileProblem.SECRET_NOT_FOUND, ReconcileProblem.SECRET_KEY_NOT_FOUND);
    private static final Logger log = LoggerFactory.getLogger(UserCounterEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String reportingInstance;
    private final Map<SeriesKey, Series> recent = new ConcurrentHashMap<>();

    public UserCounterEvents(KubernetesClient client, Clock clock, String reportingInstance) {
        this.client = client;
        this.clock = clock;
        this.reportingInstance = reportingInstance;
    }

    /**
     * The Events of a change of the Ready condition: a referenced Secret missing, found again, Ready and NotReady.
     * Compared with the status read from the server, so a restarted operator does not repeat them.
     */
    public void statusChanged(UserCounter userCounter, UserCounterStatus previous, UserCounterStatus current) {
        Optional<Condition> before = Optional.ofNullable(previous).flatMap(status -> status.condition(READY));
        Condition after = current.condition(READY).orElseThrow();
        if (SECRET_MISSING.contains(after.getReason())) {
            if (!before.map(ready -> sameReasonAndMessage(ready, after)).orElse(false)) {
                record(userCounter, WARNING, after.getReason(), after.getMessage());
            }
        } else if (before.map(ready -> SECRET_MISSING.contains(ready.getReason()))
                .orElse(false)) {
            record(userCounter, NORMAL, "SecretFound", "Every referenced Secret and key exists");
        }
        boolean wasReady = before.map(ready -> "True".equals(ready.getStatus())).orElse(false);
        boolean isReady = "True".equals(after.getStatus());
        if (isReady && !wasReady) {
            record(userCounter, NORMAL, "Ready", after.getMessage());
        } else if (wasReady && !isReady) {
            record(userCounter, WARNING, "NotReady", after.getReason() + ": " + after.getMessage());
        }
    }

    public void created(UserCounter userCounter, HasMetadata object) {
        record(
                userCounter,
                NORMAL,
                "Created",
                "Created " + object.getKind() + " " + object.getMetadata().getName());
    }

    /** The pod template's config hash changed: the Deployment rolls its pods. */
    public void configChanged(UserCounter userCounter, String previousHash, String hash) {
        record(
                userCounter,
                NORMAL,
                "ConfigChanged",
                "Configuration changed: rolling the pods to config hash " + hash + " (was " + previousHash + ")");
    }

    /** Every failed attempt: the retries of one failure add up in the Event's series count. */
    public void reconcileFailed(UserCounter userCounter, ReconcileProblem problem) {
        record(userCounter, WARNING, problem.reason(), problem.message());
    }

    private static boolean sameReasonAndMessage(Condition a, Condition b) {
        return a.getReason().equals(b.getReason()) && a.getMessage().equals(b.getMessage());
    }

    private void record(UserCounter userCounter, String type, String reason, String note) {
        Instant now = clock.instant();
        recent.values()
                .removeIf(series -> series.lastObserved().plus(SERIES_WINDOW).isBefore(now));
        var key = new SeriesKey(
                userCounter.getMetadata().getNamespace(),
                userCounter.getMetadata().getUid(),
                type,
                reason,
                truncated(note));
        try {
            var series = recent.get(key);
            if (series != null && patchedSeries(key, series, now)) {
                recent.put(key, new Series(series.eventName(), series.count() + 1, now));
                return;
            }
            recent.put(
                    key, new Series(create(userCounter, key, now).getMetadata().getName(), 1, now));
        } catch (KubernetesClientException e) {
            log.warn(
                    "Could not record the Event {} of UserCounter {}/{}: {}",
                    reason,
                    key.namespace(),
                    userCounter.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Patches the series of the Event already recorded; false when it is gone (Events expire after an hour). */
    private boolean patchedSeries(SeriesKey key, Series series, Instant now) {
        String patch = "{\"series\":{\"count\":" + (series.count() + 1) + ",\"lastObservedTime\":\""
                + MICRO_TIME.format(now) + "\"}}";
        try {
            client.events()
                    .v1()
                    .events()
                    .inNamespace(key.namespace())
                    .withName(series.eventName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private Event create(UserCounter userCounter, SeriesKey key, Instant now) {
        var event = new EventBuilder()
                .withNewMetadata()
                // client-go's naming: the regarding object's name and the time in hexadecimal nanoseconds
                .withName(userCounter.getMetadata().getName() + "."
                        + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withNamespace(key.namespace())
                .endMetadata()
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingController(REPORTING_CONTROLLER)
                .withReportingInstance(reportingInstance)
                .withAction("Reconcile")
                .withType(key.type())
                .withReason(key.reason())
                .withNote(key.note())
                .withRegarding(regarding(userCounter))
                .build();
        return client.events()
                .v1()
                .events()
                .inNamespace(key.namespace())
                .resource(event)
                .create();
    }

    private static ObjectReference regarding(UserCounter userCounter) {
        return new ObjectReferenceBuilder()
                .withApiVersion(userCounter.getApiVersion())
                .withKind(userCounter.getKind())
                .withNamespace(userCounter.getMetadata().getNamespace())
                .withName(userCounter.getMetadata().getName())
                .withUid(userCounter.getMetadata().getUid())
                .build();
    }

    private static String truncated(String note) {
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_NOTE_BYTES) {
            return note;
        }
        String cut = new String(bytes, 0, MAX_NOTE_BYTES - 3, StandardCharsets.UTF_8);
        // a multi-byte character cut in two decodes as U+FFFD: drop it
        return cut.replaceAll("\uFFFD$", "") + "...";
    }

    /** What makes two Events the same: regarding object, type, reason and note. */
    private record SeriesKey(String namespace, String uid, String type, String reason, String note) {}

    private record Series(String eventName, int count, Instant lastObserved) {}
}
