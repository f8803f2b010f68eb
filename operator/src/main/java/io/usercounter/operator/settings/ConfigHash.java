package io.usercounter.operator.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code usercounter.io/config-hash} annotation: changes whenever any setting the pods see changes. */
public final class ConfigHash {

    public static final String ANNOTATION = "usercounter.io/config-hash";

    private ConfigHash() {}

    /** SHA-256 over every setting, so a rotated password rolls the pods without showing up in the hash. */
    public static String of(CounterAppSettings settings) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            settings.everything().forEach((key, value) -> {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
