package dev.pictor.engine.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.codec.AnimationEncoder;
import dev.pictor.engine.codec.AvifCodec;
import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * What libvips (sharp's build) does for the engine: AVIF through its heif loader and saver (libheif with libaom),
 * animated WebP, which no Java encoder writes, and the large Lanczos reductions.
 */
public final class VipsCodec implements AvifCodec, AnimationEncoder, NativeReducer {

    private static final System.Logger LOG = System.getLogger(VipsCodec.class.getName());

    /** libaom's speed/size trade-off, 0 (slowest, smallest) to 9; sharp's default. */
    private static final int EFFORT = 4;

    private final Vips vips;

    public VipsCodec(Vips vips) {
        this.vips = vips;
    }

    @Override
    public String description() {
        return vips.description();
    }

    @Override
    public SourceInfo probe(byte[] avif) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = open(arena, avif);
            try {
                return new SourceInfo(ImageFormat.AVIF, (int) vips.width.invokeExact(image),
                        (int) vips.height.invokeExact(image), 1, (int) vips.hasAlpha.invokeExact(image) != 0);
            } finally {
                vips.unref.invokeExact(image);
            }
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed reading an AVIF header", e);
        }
    }

    @Override
    public BufferedImage decode(byte[] avif) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = open(arena, avif);
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) vips.colourspace.invokeExact(image, out, Vips.INTERPRETATION_SRGB, MemorySegment.NULL);
            vips.unref.invokeExact(image);
            if (status != 0) {
                throw corrupt();
            }
            MemorySegment srgb = out.get(ADDRESS, 0);
            try {
                return pixels(arena, srgb);
            } finally {
                vips.unref.invokeExact(srgb);
            }
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed decoding an AVIF", e);
        }
    }

    @Override
    public byte[] encode(BufferedImage image, int quality) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vipsImage = upload(arena, List.of(image));
            MemorySegment buffer = arena.allocate(ADDRESS);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int status = (int) vips.heifsave.invokeExact(vipsImage, buffer, length,
                    arena.allocateFrom("compression"), Vips.COMPRESSION_AV1, arena.allocateFrom("Q"), quality,
                    arena.allocateFrom("effort"), EFFORT, MemorySegment.NULL);
            vips.unref.invokeExact(vipsImage);
            return saved(status, buffer, length, "AVIF");
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed encoding an AVIF", e);
        }
    }

    /** The animation formats libvips writes here; GIF stays with the JDK's writer. */
    static boolean animates(ImageFormat format) {
        return format == ImageFormat.WEBP;
    }

    @Override
    public boolean canAnimate(ImageFormat format) {
        return animates(format);
    }

    /** The frames stacked into one tall image with libvips' page-height, delay and loop metadata, then saved. */
    @Override
    public byte[] encodeAnimation(ImageFormat format, List<BufferedImage> frames, int[] delays, int loops,
                                  int quality) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vipsImage = upload(arena, frames);
            vips.setInt.invokeExact(vipsImage, arena.allocateFrom("page-height"), frames.getFirst().getHeight());
            vips.setArrayInt.invokeExact(vipsImage, arena.allocateFrom("delay"), arena.allocateFrom(JAVA_INT, delays),
                    delays.length);
            vips.setInt.invokeExact(vipsImage, arena.allocateFrom("loop"), loops);
            MemorySegment buffer = arena.allocate(ADDRESS);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int status = (int) vips.webpsave.invokeExact(vipsImage, buffer, length, arena.allocateFrom("Q"), quality,
                    MemorySegment.NULL);
            vips.unref.invokeExact(vipsImage);
            return saved(status, buffer, length, "animated " + format.extension());
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed encoding an animation", e);
        }
    }

    /**
     * The packed ints are read as four 8-bit bands in memory order and come back the same way: reduce filters each
     * band on its own, so which band is red does not matter and nothing is repacked.
     */
    @Override
    public Optional<int[]> reduce(MemorySegment pixels, int width, int height, Rectangle region, int targetWidth,
                                  int targetHeight) {
        try (Arena arena = Arena.ofConfined()) {
            long size = (long) width * height * Integer.BYTES;
            MemorySegment whole = (MemorySegment) vips.newFromMemory.invokeExact(pixels.asSlice(0, size), size, width,
                    height, 4, Vips.FORMAT_UCHAR);
            if (whole.equals(MemorySegment.NULL)) {
                return declined("refused the pixels");
            }
            MemorySegment in = whole;
            if (!region.equals(new Rectangle(0, 0, width, height))) {
                MemorySegment area = arena.allocate(ADDRESS);
                int status = (int) vips.extractArea.invokeExact(whole, area, region.x, region.y, region.width,
                        region.height, MemorySegment.NULL);
                vips.unref.invokeExact(whole);
                if (status != 0) {
                    return declined("could not cut the region out");
                }
                in = area.get(ADDRESS, 0);
            }
            MemorySegment result = arena.allocate(ADDRESS);
            int status = (int) vips.reduce.invokeExact(in, result, (double) region.width / targetWidth,
                    (double) region.height / targetHeight, MemorySegment.NULL);
            vips.unref.invokeExact(in);
            if (status != 0) {
                return declined("failed");
            }
            MemorySegment out = result.get(ADDRESS, 0);
            try {
                if ((int) vips.width.invokeExact(out) != targetWidth
                        || (int) vips.height.invokeExact(out) != targetHeight) {
                    LOG.log(System.Logger.Level.WARNING, "libvips reduce made another size than "
                            + targetWidth + "x" + targetHeight + "; the JVM resampler takes over");
                    return Optional.empty();
                }
                MemorySegment length = arena.allocate(JAVA_LONG);
                MemorySegment memory = (MemorySegment) vips.writeToMemory.invokeExact(out, length);
                if (memory.equals(MemorySegment.NULL)) {
                    return declined("failed writing");
                }
                try {
                    int[] reduced = new int[targetWidth * targetHeight];
                    MemorySegment.copy(memory.reinterpret(length.get(JAVA_LONG, 0)), JAVA_INT, 0, reduced, 0,
                            reduced.length);
                    return Optional.of(reduced);
                } finally {
                    vips.free.invokeExact(memory);
                }
            } finally {
                vips.unref.invokeExact(out);
            }
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "libvips reduce failed (" + e + "); the JVM resampler takes over");
            return Optional.empty();
        }
    }

    private Optional<int[]> declined(String why) {
        LOG.log(System.Logger.Level.WARNING, "libvips reduce " + why + " (" + vips.lastError()
                + "); the JVM resampler takes over");
        return Optional.empty();
    }

    /**
     * The images, of one width, stacked top to bottom as 8-bit RGB (RGBA when any has alpha) in memory the arena
     * holds for as long as libvips reads it.
     */
    private MemorySegment upload(Arena arena, List<BufferedImage> images) throws Throwable {
        int w = images.getFirst().getWidth();
        int h = images.stream().mapToInt(BufferedImage::getHeight).sum();
        boolean alpha = images.stream().anyMatch(i -> i.getType() == BufferedImage.TYPE_INT_ARGB);
        int bands = alpha ? 4 : 3;
        long size = (long) w * h * bands;
        MemorySegment data = arena.allocate(size);
        byte[] row = new byte[w * bands];
        long offset = 0;
        for (BufferedImage image : images) {
            int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            boolean hasAlpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0, o = 0; x < w; x++) {
                    int p = argb[y * w + x];
                    row[o++] = (byte) (p >> 16);
                    row[o++] = (byte) (p >> 8);
                    row[o++] = (byte) p;
                    if (alpha) {
                        row[o++] = (byte) (hasAlpha ? p >>> 24 : 255);
                    }
                }
                MemorySegment.copy(row, 0, data, JAVA_BYTE, offset, row.length);
                offset += row.length;
            }
        }
        MemorySegment vipsImage = (MemorySegment) vips.newFromMemory.invokeExact(data, size, w, h, bands,
                Vips.FORMAT_UCHAR);
        if (vipsImage.equals(MemorySegment.NULL)) {
            throw ImageException.internal("libvips refused the pixels: " + vips.lastError(), null);
        }
        return vipsImage;
    }

    /** The bytes a libvips saver returned (freed on the native side), or its error. */
    private byte[] saved(int status, MemorySegment buffer, MemorySegment length, String what) throws Throwable {
        if (status != 0) {
            throw ImageException.internal(what + " encoding failed: " + vips.lastError(), null);
        }
        MemorySegment encoded = buffer.get(ADDRESS, 0).reinterpret(length.get(JAVA_LONG, 0));
        byte[] bytes = encoded.toArray(JAVA_BYTE);
        vips.free.invokeExact(encoded);
        return bytes;
    }

    /** The image libvips reads lazily from the bytes (the copy in {@code arena} outlives it). */
    private MemorySegment open(Arena arena, byte[] avif) throws Throwable {
        MemorySegment bytes = arena.allocate(avif.length);
        MemorySegment.copy(avif, 0, bytes, JAVA_BYTE, 0, avif.length);
        MemorySegment image = (MemorySegment) vips.newFromBuffer.invokeExact(bytes, (long) avif.length,
                arena.allocateFrom(""), MemorySegment.NULL);
        if (image.equals(MemorySegment.NULL)) {
            throw corrupt();
        }
        return image;
    }

    private BufferedImage pixels(Arena arena, MemorySegment srgb) throws Throwable {
        int w = (int) vips.width.invokeExact(srgb);
        int h = (int) vips.height.invokeExact(srgb);
        int bands = (int) vips.bands.invokeExact(srgb);
        MemorySegment size = arena.allocate(JAVA_LONG);
        MemorySegment memory = (MemorySegment) vips.writeToMemory.invokeExact(srgb, size);
        if (memory.equals(MemorySegment.NULL)) {
            throw corrupt();
        }
        byte[] bytes = memory.reinterpret(size.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        vips.free.invokeExact(memory);
        boolean alpha = bands == 4;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0, o = 0; i < argb.length; i++, o += bands) {
            int a = alpha ? (bytes[o + 3] & 0xFF) << 24 : 0;
            argb[i] = a | (bytes[o] & 0xFF) << 16 | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF);
        }
        return out;
    }

    /**
     * A 415 in the caller's words only: libvips' error buffer is one for the whole process, so its text may be another
     * request's; it goes to the log.
     */
    private ImageException corrupt() {
        LOG.log(System.Logger.Level.INFO, "libvips: " + vips.lastError());
        return new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                "the AVIF source could not be decoded");
    }
}
