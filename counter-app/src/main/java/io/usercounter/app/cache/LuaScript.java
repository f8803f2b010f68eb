package io.usercounter.app.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script from {@code classpath:lua/}, with its SHA-1 for EVALSHA. A line {@code --!include file.lua} is
 * replaced by that file's text, so Redis gets one script, and a script holds only the functions it names.
 */
public record LuaScript(String name, String source, String sha) {

    private static final Pattern INCLUDE = Pattern.compile("(?m)^--!include (\\S+)$");

    /** @param file a file of {@code classpath:lua/}, e.g. {@code add-pending.lua} */
    public static LuaScript load(String file) {
        String source = withIncludes(file);
        return new LuaScript(file.replaceFirst("\\.lua$", ""), source, sha1(source));
    }

    private static String withIncludes(String file) {
        return INCLUDE.matcher(read(file))
                .replaceAll(include -> Matcher.quoteReplacement(withIncludes(include.group(1))));
    }

    private static String read(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script lua/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Lua script " + file, e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
