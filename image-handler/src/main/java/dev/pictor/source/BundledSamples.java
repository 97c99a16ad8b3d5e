package dev.pictor.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample images inside the jar, unpacked once to a temporary folder so that a first run, with no folder
 * configured, serves something. They form the bucket {@code images}.
 */
public final class BundledSamples {

    private static final String INDEX = "samples/index.txt";

    private BundledSamples() {
    }

    public static Path unpack() {
        try (InputStream index = resource(INDEX)) {
            Path root = Files.createTempDirectory("pictor-samples-");
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.trim();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("bad sample name " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource("samples/" + name)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled samples could not be unpacked", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
