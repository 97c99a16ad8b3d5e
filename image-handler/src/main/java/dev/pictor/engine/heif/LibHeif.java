package dev.pictor.engine.heif;

import dev.pictor.engine.codec.NativeLibrary;
import java.util.List;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.codec.NativeDecoder;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * HEIC sources through the system's libheif (with libde265 for HEVC), called through the Foreign Function and Memory
 * API. Not bundled: libheif's HEVC decoder needs a C++ runtime newer than Lambda's, so HEIC is read where the system
 * provides the library (Debian and Ubuntu: {@code libheif1}) and answered 415 elsewhere.
 */
public final class LibHeif implements NativeDecoder {

    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_INTERLEAVED_RGB = 10;
    private static final int CHROMA_INTERLEAVED_RGBA = 11;
    private static final int CHANNEL_INTERLEAVED = 10;
    /** struct heif_error { enum code; enum subcode; const char* message; }, returned by value. */
    private static final StructLayout ERROR = MemoryLayout.structLayout(JAVA_INT.withName("code"),
            JAVA_INT.withName("subcode"), ADDRESS.withName("message"));

    private static final System.Logger LOG = System.getLogger(LibHeif.class.getName());

    private final MethodHandle contextAlloc;
    private final MethodHandle contextFree;
    private final MethodHandle readFromMemory;
    private final MethodHandle primaryHandle;
    private final MethodHandle handleWidth;
    private final MethodHandle handleHeight;
    private final MethodHandle handleHasAlpha;
    private final MethodHandle handleRelease;
    private final MethodHandle decodeImage;
    private final MethodHandle planeReadonly;
    private final MethodHandle imageWidth;
    private final MethodHandle imageHeight;
    private final MethodHandle imageRelease;

    private LibHeif(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        contextAlloc = linker.downcallHandle(find(lookup, "heif_context_alloc"), FunctionDescriptor.of(ADDRESS));
        contextFree = linker.downcallHandle(find(lookup, "heif_context_free"), FunctionDescriptor.ofVoid(ADDRESS));
        readFromMemory = linker.downcallHandle(find(lookup, "heif_context_read_from_memory_without_copy"),
                FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        primaryHandle = linker.downcallHandle(find(lookup, "heif_context_get_primary_image_handle"),
                FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS));
        handleWidth = linker.downcallHandle(find(lookup, "heif_image_handle_get_width"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleHeight = linker.downcallHandle(find(lookup, "heif_image_handle_get_height"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleHasAlpha = linker.downcallHandle(find(lookup, "heif_image_handle_has_alpha_channel"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleRelease = linker.downcallHandle(find(lookup, "heif_image_handle_release"),
                FunctionDescriptor.ofVoid(ADDRESS));
        decodeImage = linker.downcallHandle(find(lookup, "heif_decode_image"),
                FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        planeReadonly = linker.downcallHandle(find(lookup, "heif_image_get_plane_readonly"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        imageWidth = linker.downcallHandle(find(lookup, "heif_image_get_width"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        imageHeight = linker.downcallHandle(find(lookup, "heif_image_get_height"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        imageRelease = linker.downcallHandle(find(lookup, "heif_image_release"), FunctionDescriptor.ofVoid(ADDRESS));
    }

    private static final NativeLibrary<LibHeif> LIBRARY = new NativeLibrary<>("libheif",
            () -> List.of(new NativeLibrary.Candidate.Installed("libheif.so.1")), (lookup, origin) -> new LibHeif(lookup));

    /** The system's libheif, loaded once; empty where there is none. */
    public static Optional<LibHeif> load() {
        return LIBRARY.get();
    }

    /**
     * A decoder that loads the system's libheif on the first HEIC source, so that start-up does not pay for it; where
     * it does not load, HEIC sources are answered 415 as if there were no decoder.
     */
    public static NativeDecoder onFirstUse() {
        return new NativeDecoder() {
            @Override
            public String description() {
                return "libheif (the system's libheif.so.1, loaded on first use)";
            }

            @Override
            public SourceInfo probe(byte[] data) {
                return decoder().probe(data);
            }

            @Override
            public BufferedImage decode(byte[] data) {
                return decoder().decode(data);
            }

            private LibHeif decoder() {
                return load().orElseThrow(() -> ImageException.unsupported("UnsupportedFormat",
                        "HEIC sources cannot be decoded by this server: the system has no libheif"));
            }
        };
    }

    @Override
    public String description() {
        return "libheif (system libheif.so.1)";
    }

    @Override
    public SourceInfo probe(byte[] heic) {
        return withPrimary(heic, (arena, handle) -> new SourceInfo(ImageFormat.HEIF,
                (int) handleWidth.invokeExact(handle), (int) handleHeight.invokeExact(handle), 1,
                (int) handleHasAlpha.invokeExact(handle) != 0));
    }

    @Override
    public BufferedImage decode(byte[] heic) {
        return withPrimary(heic, (arena, handle) -> {
            boolean alpha = (int) handleHasAlpha.invokeExact(handle) != 0;
            MemorySegment out = arena.allocate(ADDRESS);
            check((MemorySegment) decodeImage.invokeExact((java.lang.foreign.SegmentAllocator) arena, handle, out,
                    COLORSPACE_RGB, alpha ? CHROMA_INTERLEAVED_RGBA : CHROMA_INTERLEAVED_RGB, MemorySegment.NULL));
            MemorySegment image = out.get(ADDRESS, 0);
            try {
                return pixels(arena, image, alpha, (int) handleWidth.invokeExact(handle),
                        (int) handleHeight.invokeExact(handle));
            } finally {
                imageRelease.invokeExact(image);
            }
        });
    }

    /**
     * The decoded pixels, read only when they are what was probed: the size the header announced (which the pixel
     * limits were checked against), a plane that exists, rows as long as the width needs.
     */
    private BufferedImage pixels(Arena arena, MemorySegment image, boolean alpha, int probedWidth, int probedHeight)
            throws Throwable {
        int w = (int) imageWidth.invokeExact(image, CHANNEL_INTERLEAVED);
        int h = (int) imageHeight.invokeExact(image, CHANNEL_INTERLEAVED);
        MemorySegment stride = arena.allocate(JAVA_INT);
        MemorySegment plane = (MemorySegment) planeReadonly.invokeExact(image, CHANNEL_INTERLEAVED, stride);
        int rowBytes = stride.get(JAVA_INT, 0);
        int bands = alpha ? 4 : 3;
        if (w != probedWidth || h != probedHeight || w < 1 || h < 1 || plane.equals(MemorySegment.NULL)
                || rowBytes < (long) w * bands) {
            LOG.log(System.Logger.Level.WARNING, "libheif decoded " + w + "x" + h + " (stride " + rowBytes
                    + ") where the header said " + probedWidth + "x" + probedHeight);
            throw corrupt();
        }
        MemorySegment data = plane.reinterpret((long) rowBytes * h);
        BufferedImage result = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[w * bands];
        for (int y = 0; y < h; y++) {
            MemorySegment.copy(data, JAVA_BYTE, (long) y * rowBytes, row, 0, row.length);
            for (int x = 0, o = 0; x < w; x++, o += bands) {
                int a = alpha ? (row[o + 3] & 0xFF) << 24 : 0;
                argb[y * w + x] = a | (row[o] & 0xFF) << 16 | (row[o + 1] & 0xFF) << 8 | (row[o + 2] & 0xFF);
            }
        }
        return result;
    }

    private interface HandleAction<T> {
        T run(Arena arena, MemorySegment handle) throws Throwable;
    }

    private <T> T withPrimary(byte[] heic, HandleAction<T> action) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(heic.length);
            MemorySegment.copy(heic, 0, bytes, JAVA_BYTE, 0, heic.length);
            MemorySegment context = (MemorySegment) contextAlloc.invokeExact();
            try {
                check((MemorySegment) readFromMemory.invokeExact((java.lang.foreign.SegmentAllocator) arena, context,
                        bytes, (long) heic.length, MemorySegment.NULL));
                MemorySegment out = arena.allocate(ADDRESS);
                check((MemorySegment) primaryHandle.invokeExact((java.lang.foreign.SegmentAllocator) arena, context,
                        out));
                MemorySegment handle = out.get(ADDRESS, 0);
                try {
                    return action.run(arena, handle);
                } finally {
                    handleRelease.invokeExact(handle);
                }
            } finally {
                contextFree.invokeExact(context);
            }
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libheif failed", e);
        }
    }

    /** A heif_error with a non-zero code becomes a 415; libheif's own words go to the log, not to the caller. */
    private static void check(MemorySegment error) {
        int code = error.get(JAVA_INT, ERROR.byteOffset(MemoryLayout.PathElement.groupElement("code")));
        if (code != 0) {
            MemorySegment message = error.get(ADDRESS, ERROR.byteOffset(MemoryLayout.PathElement.groupElement("message")));
            String text = message.equals(MemorySegment.NULL) ? "code " + code : message.reinterpret(1024).getString(0);
            LOG.log(System.Logger.Level.INFO, "libheif: " + text);
            throw corrupt();
        }
    }

    private static ImageException corrupt() {
        return new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                "the HEIC source could not be decoded");
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("libheif has no " + name));
    }
}
