package io.usercounter.app.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go/Kubernetes durations such as {@code 500ms}, {@code 5s}, {@code 1m30s} or {@code 1.5h}. */
public final class GoDuration {

    private static final String PART = "(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)";
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART + ")+");
    private static final Pattern ONE_PART = Pattern.compile(PART);

    private GoDuration() {}

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 5s, 1m or 1h30m");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = ONE_PART.matcher(trimmed);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** The Go spelling of a duration, to millisecond precision: 90s is "1m30s". */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration rest = duration.abs();
        append(text, rest.toHours(), "h");
        append(text, rest.toMinutesPart(), "m");
        append(text, rest.toSecondsPart(), "s");
        append(text, rest.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
