package io.usercounter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository explains itself: its documents link only to files it holds, and nothing points outside it. */
class RepositoryDocsTest {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".local-stack", "node_modules");
    /** A Markdown link or image: [text](target) with an optional title; the target up to a space or ')'. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)[^)]*\\)");
    /** Fenced blocks and inline code, where brackets and parentheses are code, not links. */
    private static final Pattern CODE = Pattern.compile("(?s)```.*?```|`[^`\n]*`");
    /** A design document that lived beside the repository and that no reader of the repository has. */
    private static final Pattern OUTSIDE_REFERENCE = Pattern.compile("\\.\\./shared|DESIGN\\.md|\\bDESIGN \\d");

    @Test
    void everyRelativeLinkInADocumentNamesAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : files(path -> path.toString().endsWith(".md"))) {
            Matcher link = MARKDOWN_LINK.matcher(
                    CODE.matcher(Files.readString(document)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // a URL or an anchor in the same page
                }
                Path resolved = document.getParent()
                        .resolve(target.replaceFirst("#.*$", ""))
                        .normalize();
                if (!resolved.startsWith(REPOSITORY) || !Files.exists(resolved)) {
                    broken.add(REPOSITORY.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noFileRefersToTheDesignDocumentOutsideTheRepository() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path file : files(path -> !path.getFileName().toString().equals("RepositoryDocsTest.java"))) {
            String text = readText(file);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE_REFERENCE.matcher(lines[i]).find()) {
                    offending.add(REPOSITORY.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void theDocsFolderHoldsTheDocumentsTheReadmeSendsNewcomersTo() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));

        assertThat(readme)
                .contains(
                        "docs/architecture.md",
                        "docs/consistency.md",
                        "docs/operations.md",
                        "docs/reference/usercounter.md");
    }

    private static List<Path> files(Predicate<Path> wanted) throws IOException {
        try (Stream<Path> walk = Files.walk(REPOSITORY)) {
            return walk.filter(path -> !skipped(REPOSITORY.relativize(path)))
                    .filter(Files::isRegularFile)
                    .filter(wanted)
                    .sorted()
                    .toList();
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The file's text, or "" for a binary file (a jar, an image). */
    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
