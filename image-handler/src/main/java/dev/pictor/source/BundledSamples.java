package dev.pictor.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample images inside the jar, unpacked so that a first run, with no folder configured, serves something. They
 * form the bucket {@code images}. The local server unpacks them into a folder of the user's that outlives it (its
 * uploads and their variants stay there across restarts); elsewhere, into a temporary folder.
 */
public final class BundledSamples {

    private static final String INDEX = "samples/index.txt";

    private BundledSamples() {
    }

    /** Into a new temporary folder, removed at exit when empty. */
    public static Path unpack() {
        try {
            Path root = unpackInto(Files.createTempDirectory("pictor-samples-"));
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled samples could not be unpacked", e);
        }
    }

    /**
     * The local server's folder: {@code $XDG_DATA_HOME/pictor/images}, else {@code ~/.local/share/pictor/images}.
     */
    public static Path localFolder(java.util.Map<String, String> env) {
        String data = env.getOrDefault("XDG_DATA_HOME", "");
        Path base = data.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share") : Path.of(data);
        return base.resolve("pictor").resolve("images");
    }

    /** Into {@code root}, adding the samples it lacks and leaving everything else there as it is. */
    public static Path unpackInto(Path root) {
        try (InputStream index = resource(INDEX)) {
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.trim();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("bad sample name " + name);
                }
                if (Files.exists(target)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource("samples/" + name)) {
                    Files.copy(in, target);
                }
            }
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
