package dev.pictor.engine.codec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A native library found and bound once, lazily: from the first of its candidates that loads, or none, saying why.
 * libjpeg-turbo, libvips and libheif all load through here.
 *
 * @param <T> the binding made from the library's symbols
 */
public final class NativeLibrary<T> {

    private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());

    /** Where a library may be. */
    public sealed interface Candidate {

        /** Inside the jar: extracted to a temporary file first. */
        record Bundled(String resource) implements Candidate {
        }

        /** A file; for a folder, its files whose names start with {@code prefix}. */
        record File(Path path, String prefix) implements Candidate {
        }

        /** A name the system's loader resolves. */
        record Installed(String soname) implements Candidate {
        }
    }

    /** Makes the binding from a loaded library; {@code origin} says where it came from, for the log. */
    @FunctionalInterface
    public interface Binder<T> {
        T bind(SymbolLookup lookup, String origin) throws Throwable;
    }

    private final String name;
    private final Supplier<List<Candidate>> candidates;
    private final Binder<T> binder;
    private volatile Optional<T> loaded;
    private volatile String whyNot = "not loaded yet";

    public NativeLibrary(String name, Supplier<List<Candidate>> candidates, Binder<T> binder) {
        this.name = name;
        this.candidates = candidates;
        this.binder = binder;
    }

    /** The binding, loading it on the first call. */
    public Optional<T> get() {
        Optional<T> result = loaded;
        if (result == null) {
            synchronized (this) {
                result = loaded;
                if (result == null) {
                    result = load();
                    loaded = result;
                }
            }
        }
        return result;
    }

    /** Why there is no binding (after {@link #get()} came back empty). */
    public String whyNot() {
        return whyNot;
    }

    /** The first file a candidate names, without loading anything (for a description before first use). */
    public Optional<Path> firstFile() {
        return candidates.get().stream().flatMap(NativeLibrary::files).findFirst();
    }

    private Optional<T> load() {
        List<String> reasons = new ArrayList<>();
        for (Candidate candidate : candidates.get()) {
            try {
                Optional<Attempt> attempt = open(candidate);
                if (attempt.isEmpty()) {
                    continue;
                }
                T bound = binder.bind(attempt.get().lookup(), attempt.get().origin());
                LOG.log(System.Logger.Level.DEBUG, name + " loaded from " + attempt.get().origin());
                return Optional.of(bound);
            } catch (Throwable e) {
                reasons.add(describe(candidate) + ": " + e);
            }
        }
        whyNot = reasons.isEmpty() ? "no " + name + " was found" : String.join("; ", reasons);
        if (!reasons.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, name + " did not load: " + whyNot);
        }
        return Optional.empty();
    }

    private record Attempt(SymbolLookup lookup, String origin) {
    }

    private static Optional<Attempt> open(Candidate candidate) throws IOException {
        return switch (candidate) {
            case Candidate.Bundled bundled -> extract(bundled.resource()).map(file -> new Attempt(
                    SymbolLookup.libraryLookup(file, Arena.global()), "bundled " + file.getFileName()));
            case Candidate.File file -> files(file).findFirst().map(path -> new Attempt(
                    SymbolLookup.libraryLookup(path, Arena.global()), path.toString()));
            case Candidate.Installed installed -> Optional.of(new Attempt(
                    SymbolLookup.libraryLookup(installed.soname(), Arena.global()), "the system's " + installed.soname()));
        };
    }

    private static Stream<Path> files(Candidate candidate) {
        if (!(candidate instanceof Candidate.File file)) {
            return Stream.empty();
        }
        if (Files.isRegularFile(file.path())) {
            return Stream.of(file.path());
        }
        if (!Files.isDirectory(file.path())) {
            return Stream.empty();
        }
        try (Stream<Path> listing = Files.list(file.path())) {
            return listing.filter(f -> f.getFileName().toString().startsWith(file.prefix())).sorted().toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Optional<Path> extract(String resource) throws IOException {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Path dir = Files.createTempDirectory("pictor-native-");
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return Optional.of(file);
        }
    }

    private static String describe(Candidate candidate) {
        return switch (candidate) {
            case Candidate.Bundled b -> "bundled " + b.resource();
            case Candidate.File f -> f.path().toString();
            case Candidate.Installed s -> s.soname();
        };
    }

    /** This machine's platform as native folders name it ({@code linux-x86_64}), when it is one we ship for. */
    public static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> "";
        };
        return os.contains("linux") && !arch.isEmpty()
                && java.nio.ByteOrder.nativeOrder().equals(java.nio.ByteOrder.LITTLE_ENDIAN)
                ? Optional.of("linux-" + arch) : Optional.empty();
    }
}
