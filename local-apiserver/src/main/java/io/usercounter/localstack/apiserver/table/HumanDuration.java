package io.usercounter.localstack.apiserver.table;

import java.time.Duration;

/** An age the way kubectl prints it (Kubernetes' {@code duration.HumanDuration}): 45s, 3m20s, 5h, 3d4h, 2y. */
public final class HumanDuration {

    private HumanDuration() {}

    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = duration.toMinutes();
        if (minutes < 10) {
            return withRemainder(minutes, "m", seconds % 60, "s");
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = duration.toHours();
        if (hours < 8) {
            return withRemainder(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return withRemainder(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return withRemainder(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    private static String withRemainder(long value, String unit, long remainder, String remainderUnit) {
        return remainder == 0 ? value + unit : value + unit + remainder + remainderUnit;
    }
}
