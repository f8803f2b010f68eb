package io.usercounter.e2e.supervisor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A manifest-only jar that runs {@link FakeApp} from the test classes, so the supervisor can `java -jar` it. */
final class FakeAppJar {

    private FakeAppJar() {}

    static Path write(Path dir) throws IOException {
        Path classes = Path.of(FakeApp.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("fake-app.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
