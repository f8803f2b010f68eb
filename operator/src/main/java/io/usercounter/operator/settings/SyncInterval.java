package io.usercounter.operator.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** A Go/Kubernetes duration ({@code 1m30s}) read from the spec and written in the app's form ({@code 90s}). */
final class SyncInterval {

    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofHours(24);

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "µs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private SyncInterval() {}

    /** Parses {@code 500ms}, {@code 5s}, {@code 1.5h} or {@code 1m30s}; rejects text outside 100ms..24h. */
    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "spec.syncInterval '" + text + "' is not a duration such as 500ms, 5s or 1m30s");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        var parts = PART.matcher(text);
        while (parts.find()) {
            nanos = nanos.add(
                    new BigDecimal(parts.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(parts.group(2)))));
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("spec.syncInterval '" + text + "' is outside 100ms..24h");
        }
        return duration;
    }

    /** The largest whole unit the app's {@code COUNTER_SYNC_INTERVAL} understands: 90s, 2m, 1h, 1500ms. */
    static String appValue(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
