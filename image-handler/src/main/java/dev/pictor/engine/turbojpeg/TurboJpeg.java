package dev.pictor.engine.turbojpeg;

import dev.pictor.engine.codec.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * libjpeg-turbo's TurboJPEG API (version 2.1) through the Foreign Function and Memory API: no JNI, no extra jar.
 * Pixels are packed as BGRX bytes, which on a little-endian machine is exactly {@code TYPE_INT_RGB}. Decoding and
 * encoding work on native copies of the bytes and pixels: a downcall that reads the Java heap must be critical, and a
 * critical call holds off every safepoint (collections, other threads' allocations) until it returns, which a 20 MP
 * decode does for hundreds of milliseconds. Only the header read, which is short, reads the heap in place. Handles are pooled, one per
 * concurrent call, since a TurboJPEG handle must not be shared between threads.
 * <p>
 * The library comes from the jar (builds for linux x86_64 and aarch64, from Debian 12's {@code libturbojpeg0}), or
 * else from the system; {@link #load()} is empty when neither loads, and callers fall back to pure-JVM codecs.
 */
public final class TurboJpeg {

    static final int PF_BGRX = 3;
    static final int SAMP_420 = 2;
    static final int CS_CMYK = 3;
    static final int CS_YCCK = 4;
    static final int FLAG_PROGRESSIVE = 16384;
    static final int FLAG_NOREALLOC = 1024;
    /** Refuses a progressive JPEG of more than 500 scans: each scan is a pass over the image, a cheap CPU bomb. */
    static final int FLAG_LIMITSCANS = 32768;
    private static final int ERR_WARNING = 0;

    private static final System.Logger LOG = System.getLogger(TurboJpeg.class.getName());

    private final MethodHandle initDecompress;
    private final MethodHandle initCompress;
    private final MethodHandle decompressHeader;
    private final MethodHandle decompress;
    private final MethodHandle compress;
    private final MethodHandle bufSize;
    private final MethodHandle errorString;
    private final MethodHandle errorCode;
    private final String origin;
    private final ConcurrentLinkedQueue<MemorySegment> decompressors = new ConcurrentLinkedQueue<>();
    /** Separate pools for progressive and baseline: a handle that wrote a progressive JPEG keeps its scan script. */
    private final ConcurrentLinkedQueue<MemorySegment> progressiveCompressors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MemorySegment> baselineCompressors = new ConcurrentLinkedQueue<>();

    /** The header facts TurboJPEG reports. */
    public record Header(int width, int height, int subsampling, int colorspace) {
        public boolean cmyk() {
            return colorspace == CS_CMYK || colorspace == CS_YCCK;
        }
    }

    private TurboJpeg(SymbolLookup lookup, String origin) {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        this.origin = origin;
        initDecompress = linker.downcallHandle(find(lookup, "tjInitDecompress"), FunctionDescriptor.of(ADDRESS));
        initCompress = linker.downcallHandle(find(lookup, "tjInitCompress"), FunctionDescriptor.of(ADDRESS));
        decompressHeader = linker.downcallHandle(find(lookup, "tjDecompressHeader3"), FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS), critical);
        decompress = linker.downcallHandle(find(lookup, "tjDecompress2"), FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        compress = linker.downcallHandle(find(lookup, "tjCompress2"), FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        bufSize = linker.downcallHandle(find(lookup, "tjBufSize"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        errorString = linker.downcallHandle(find(lookup, "tjGetErrorStr2"), FunctionDescriptor.of(ADDRESS, ADDRESS));
        errorCode = linker.downcallHandle(find(lookup, "tjGetErrorCode"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final NativeLibrary<TurboJpeg> LIBRARY = new NativeLibrary<>("libturbojpeg", () -> {
        List<NativeLibrary.Candidate> candidates = new ArrayList<>();
        NativeLibrary.platform().ifPresent(platform -> candidates.add(
                new NativeLibrary.Candidate.Bundled("/native/" + platform + "/libturbojpeg.so.0")));
        candidates.add(new NativeLibrary.Candidate.Installed("libturbojpeg.so.0"));
        return candidates;
    }, TurboJpeg::new);

    /** The library, loaded once: the bundled build for this platform, else the system's, else none. */
    public static Optional<TurboJpeg> load() {
        return LIBRARY.get();
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libturbojpeg has no " + name));
    }

    /** Where the library came from, for the log line that says which engine runs. */
    public String origin() {
        return origin;
    }

    public Header header(byte[] jpeg) {
        return call(decompressors, initDecompress, (handle, arena) -> {
            MemorySegment out = arena.allocate(JAVA_INT, 4);
            int status = (int) decompressHeader.invokeExact(handle, MemorySegment.ofArray(jpeg), (long) jpeg.length,
                    out, out.asSlice(4), out.asSlice(8), out.asSlice(12));
            if (status != 0) {
                throw new TurboJpegException(message(handle));
            }
            return new Header(out.getAtIndex(JAVA_INT, 0), out.getAtIndex(JAVA_INT, 1),
                    out.getAtIndex(JAVA_INT, 2), out.getAtIndex(JAVA_INT, 3));
        });
    }

    /**
     * Decodes into native memory, {@code width * height} BGRX ints. A size smaller than the header's is reached by
     * scaling in the DCT (1/2, 1/4, 1/8). A warning (a truncated file, say) still leaves a usable image.
     */
    public void decode(byte[] jpeg, MemorySegment target, int width, int height) {
        if (target.byteSize() < (long) width * height * Integer.BYTES) {
            throw new IllegalArgumentException("a target of " + target.byteSize() + " bytes for " + width + "x" + height);
        }
        call(decompressors, initDecompress, (handle, arena) -> {
            MemorySegment source = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, jpeg);
            int status = (int) decompress.invokeExact(handle, source, (long) jpeg.length, target, width, width * 4,
                    height, PF_BGRX, FLAG_LIMITSCANS);
            if (status != 0 && (int) errorCode.invokeExact(handle) != ERR_WARNING) {
                throw new TurboJpegException(message(handle));
            }
            return null;
        });
    }

    /** Encodes BGRX pixels as a 4:2:0 JPEG. */
    public byte[] encode(int[] pixels, int width, int height, int quality, boolean progressive) {
        return call(progressive ? progressiveCompressors : baselineCompressors, initCompress, (handle, arena) -> {
            long capacity = (long) bufSize.invokeExact(width, height, SAMP_420);
            MemorySegment buffer = arena.allocate(capacity);
            MemorySegment bufferSlot = arena.allocate(ADDRESS);
            bufferSlot.set(ADDRESS, 0, buffer);
            MemorySegment sizeSlot = arena.allocate(JAVA_LONG);
            sizeSlot.set(JAVA_LONG, 0, capacity);
            int flags = FLAG_NOREALLOC | (progressive ? FLAG_PROGRESSIVE : 0);
            MemorySegment source = arena.allocateFrom(JAVA_INT, pixels);
            int status = (int) compress.invokeExact(handle, source, width, width * 4, height,
                    PF_BGRX, bufferSlot, sizeSlot, SAMP_420, quality, flags);
            if (status != 0) {
                throw new TurboJpegException(message(handle));
            }
            return buffer.asSlice(0, sizeSlot.get(JAVA_LONG, 0)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        });
    }

    /** One library call on a pooled handle, with a confined arena for its scratch memory. */
    private interface NativeCall<T> {
        T run(MemorySegment handle, Arena arena) throws Throwable;
    }

    private static <T> T call(ConcurrentLinkedQueue<MemorySegment> pool, MethodHandle init, NativeCall<T> body) {
        MemorySegment handle = borrow(pool, init);
        try (Arena arena = Arena.ofConfined()) {
            return body.run(handle, arena);
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            pool.add(handle);
        }
    }

    private static MemorySegment borrow(ConcurrentLinkedQueue<MemorySegment> pool, MethodHandle init) {
        MemorySegment handle = pool.poll();
        if (handle != null) {
            return handle;
        }
        try {
            handle = (MemorySegment) init.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (handle.address() == 0) {
            throw new OutOfMemoryError("tjInit failed");
        }
        return handle;
    }

    private String message(MemorySegment handle) throws Throwable {
        MemorySegment text = (MemorySegment) errorString.invokeExact(handle);
        return text.reinterpret(1024).getString(0);
    }

    /** A JPEG TurboJPEG could not decode or encode. */
    public static final class TurboJpegException extends RuntimeException {
        TurboJpegException(String message) {
            super(message);
        }
    }
}
