package dev.pictor.engine.vips;

import dev.pictor.engine.codec.NativeLibrary;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few libvips C functions the AVIF codec and the reducer need, through the Foreign Function and Memory API. The library is
 * sharp's build (npm {@code @img/sharp-libvips-linux-*}, LGPL-3.0), kept as a separate shared library beside the
 * application and found by {@link #library(Optional)}; without it there is no AVIF, and reductions run in the JVM's
 * resampler.
 */
public final class Vips {

    /** VipsBandFormat UCHAR. */
    static final int FORMAT_UCHAR = 0;
    /** VipsInterpretation sRGB. */
    static final int INTERPRETATION_SRGB = 22;
    /** VipsForeignHeifCompression AV1. */
    static final int COMPRESSION_AV1 = 4;

    private static final System.Logger LOG = System.getLogger(Vips.class.getName());

    final MethodHandle newFromBuffer;
    final MethodHandle newFromMemory;
    final MethodHandle writeToMemory;
    final MethodHandle colourspace;
    final MethodHandle reduce;
    final MethodHandle extractArea;
    final MethodHandle width;
    final MethodHandle height;
    final MethodHandle bands;
    final MethodHandle hasAlpha;
    final MethodHandle heifsave;
    final MethodHandle webpsave;
    final MethodHandle setInt;
    final MethodHandle setArrayInt;
    final MethodHandle unref;
    final MethodHandle free;
    final MethodHandle errorBufferCopy;
    private final String origin;

    private Vips(SymbolLookup lookup, String origin) throws Throwable {
        Linker linker = Linker.nativeLinker();
        this.origin = origin;
        MethodHandle init = linker.downcallHandle(find(lookup, "vips_init"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // vips_image_new_from_buffer(buf, len, option_string, ...NULL)
        newFromBuffer = linker.downcallHandle(find(lookup, "vips_image_new_from_buffer"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        newFromMemory = linker.downcallHandle(find(lookup, "vips_image_new_from_memory"), FunctionDescriptor.of(
                ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        writeToMemory = linker.downcallHandle(find(lookup, "vips_image_write_to_memory"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        // vips_colourspace(in, &out, space, ...NULL)
        colourspace = linker.downcallHandle(find(lookup, "vips_colourspace"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // vips_reduce(in, &out, hshrink, vshrink, ...NULL): Lanczos-3 by default
        reduce = linker.downcallHandle(find(lookup, "vips_reduce"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE, JAVA_DOUBLE, ADDRESS),
                Linker.Option.firstVariadicArg(4));
        // vips_extract_area(in, &out, left, top, width, height, ...NULL)
        extractArea = linker.downcallHandle(find(lookup, "vips_extract_area"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(6));
        width = linker.downcallHandle(find(lookup, "vips_image_get_width"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        height = linker.downcallHandle(find(lookup, "vips_image_get_height"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        bands = linker.downcallHandle(find(lookup, "vips_image_get_bands"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        hasAlpha = linker.downcallHandle(find(lookup, "vips_image_hasalpha"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // vips_heifsave_buffer(in, &buf, &len, "compression", AV1, "Q", q, "effort", e, NULL)
        heifsave = linker.downcallHandle(find(lookup, "vips_heifsave_buffer"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // vips_webpsave_buffer(in, &buf, &len, "Q", q, NULL)
        webpsave = linker.downcallHandle(find(lookup, "vips_webpsave_buffer"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(3));
        setInt = linker.downcallHandle(find(lookup, "vips_image_set_int"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
        setArrayInt = linker.downcallHandle(find(lookup, "vips_image_set_array_int"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
        unref = linker.downcallHandle(find(lookup, "g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        free = linker.downcallHandle(find(lookup, "g_free"), FunctionDescriptor.ofVoid(ADDRESS));
        errorBufferCopy = linker.downcallHandle(find(lookup, "vips_error_buffer_copy"),
                FunctionDescriptor.of(ADDRESS));
        MethodHandle cacheMax = linker.downcallHandle(find(lookup, "vips_cache_set_max"),
                FunctionDescriptor.ofVoid(JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            if ((int) init.invokeExact(arena.allocateFrom("pictor")) != 0) {
                throw new IllegalStateException("vips_init failed");
            }
        }
        // Our own result cache is the CDN; libvips' operation cache would only hold memory.
        cacheMax.invokeExact(0);
    }

    public String description() {
        return "libvips " + origin;
    }

    /** One per place asked for: libvips is initialised once in a process. */
    private static final java.util.Map<Optional<Path>, NativeLibrary<Vips>> LIBRARIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * libvips, found but not yet loaded: at {@code explicit} (LIBVIPS_PATH, a file or its folder) and nowhere else
     * when it is given; otherwise the fetched copy under {@code native/libvips/<platform>/} (beside the working
     * directory or the jar's module), then the Lambda task's {@code lib/} folder.
     */
    public static NativeLibrary<Vips> library(Optional<Path> explicit) {
        return LIBRARIES.computeIfAbsent(explicit, place -> new NativeLibrary<>("libvips", () -> candidates(place),
                Vips::new));
    }

    private static List<NativeLibrary.Candidate> candidates(Optional<Path> explicit) {
        String prefix = "libvips-cpp.so";
        if (explicit.isPresent()) {
            return List.of(new NativeLibrary.Candidate.File(explicit.get(), prefix));
        }
        List<NativeLibrary.Candidate> candidates = new ArrayList<>();
        NativeLibrary.platform().ifPresent(platform -> {
            candidates.add(new NativeLibrary.Candidate.File(Path.of("native", "libvips", platform), prefix));
            candidates.add(new NativeLibrary.Candidate.File(Path.of("image-handler", "native", "libvips", platform),
                    prefix));
            jarModule().ifPresent(module -> candidates.add(new NativeLibrary.Candidate.File(
                    module.resolve(Path.of("native", "libvips", platform)), prefix)));
        });
        Optional.ofNullable(System.getenv("LAMBDA_TASK_ROOT")).ifPresent(root -> candidates.add(
                new NativeLibrary.Candidate.File(Path.of(root, "lib"), prefix)));
        return candidates;
    }

    /** The module folder of the running jar ({@code image-handler/}, from {@code image-handler/target/x.jar}). */
    private static Optional<Path> jarModule() {
        try {
            Path code = Path.of(Vips.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(code.getParent()).map(Path::getParent);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The error libvips reports, cleared for the next call in one step under libvips' own lock (the buffer is one for
     * the whole process; text another thread adds between a read and a clear would be lost).
     */
    String lastError() {
        try {
            MemorySegment copy = (MemorySegment) errorBufferCopy.invokeExact();
            if (copy.equals(MemorySegment.NULL)) {
                return "unknown libvips error";
            }
            String message = copy.reinterpret(Long.MAX_VALUE).getString(0).strip();
            free.invokeExact(copy);
            message = message.length() > 1000 ? message.substring(0, 1000) + "..." : message;
            return message.isEmpty() ? "unknown libvips error" : message;
        } catch (Throwable e) {
            return "unknown libvips error (" + e + ")";
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("libvips has no " + name));
    }
}
