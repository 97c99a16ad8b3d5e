package dev.pictor.engine.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.codec.NativeLibrary;
import dev.pictor.engine.codec.VectorDecoder;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * SVG through libvips' loader (librsvg), as sharp reads it, loaded on the first SVG. Given only bytes and no base
 * file, librsvg resolves no reference outside the document; libvips refuses documents over 10 MB. The drawing is
 * lazy, so extracting a region draws only that region, however large the whole would be at that scale.
 */
public final class VipsSvg implements VectorDecoder {

    /** Beyond this many pixels a side libvips refuses an image: a region is then drawn at its intrinsic size. */
    private static final double MAX_SIDE = 10_000_000;

    private final NativeLibrary<Vips> library;

    public VipsSvg(NativeLibrary<Vips> library) {
        this.library = library;
    }

    @Override
    public String description() {
        return "libvips (librsvg)";
    }

    @Override
    public boolean available() {
        return library.get().isPresent();
    }

    @Override
    public SourceInfo probe(byte[] document) {
        Vips vips = vips();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = load(vips, arena, document, 1);
            try {
                return new SourceInfo(ImageFormat.SVG, (int) vips.width.invokeExact(image),
                        (int) vips.height.invokeExact(image), 1, true);
            } finally {
                vips.unref.invokeExact(image);
            }
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed reading an SVG's size", e);
        }
    }

    @Override
    public BufferedImage render(byte[] document, Rectangle region, int width, int height) {
        Vips vips = vips();
        try (Arena arena = Arena.ofConfined()) {
            // librsvg scales both axes alike: draw at the larger factor, the engine resamples the rest.
            double scale = Math.max(width / (double) region.width, height / (double) region.height);
            SourceInfo whole = probe(document);
            if (Math.max(whole.width(), whole.height()) * scale > MAX_SIDE) {
                scale = 1;
            }
            MemorySegment image = load(vips, arena, document, scale);
            try {
                int imageWidth = (int) vips.width.invokeExact(image);
                int imageHeight = (int) vips.height.invokeExact(image);
                int left = Math.min(imageWidth - 1, (int) Math.floor(region.x * scale));
                int top = Math.min(imageHeight - 1, (int) Math.floor(region.y * scale));
                int w = Math.clamp(Math.round(region.width * scale), 1, imageWidth - left);
                int h = Math.clamp(Math.round(region.height * scale), 1, imageHeight - top);
                MemorySegment out = arena.allocate(ADDRESS);
                if ((int) vips.extractArea.invokeExact(image, out, left, top, w, h, MemorySegment.NULL) != 0) {
                    throw VipsCodec.corrupt(vips, "SVG");
                }
                MemorySegment area = out.get(ADDRESS, 0);
                try {
                    return VipsCodec.pixels(vips, arena, area);
                } finally {
                    vips.unref.invokeExact(area);
                }
            } finally {
                vips.unref.invokeExact(image);
            }
        } catch (ImageException e) {
            throw e;
        } catch (Throwable e) {
            throw ImageException.internal("libvips failed drawing an SVG", e);
        }
    }

    private Vips vips() {
        return library.get().orElseThrow(() -> ImageException.internal("libvips is not loaded", null));
    }

    /** The document, read lazily (the copy in {@code arena} outlives it), at {@code scale}. */
    private static MemorySegment load(Vips vips, Arena arena, byte[] document, double scale) throws Throwable {
        MemorySegment bytes = arena.allocate(document.length);
        MemorySegment.copy(document, 0, bytes, JAVA_BYTE, 0, document.length);
        MemorySegment out = arena.allocate(ADDRESS);
        int status = (int) vips.svgload.invokeExact(bytes, (long) document.length, out,
                arena.allocateFrom("scale"), scale, MemorySegment.NULL);
        if (status != 0) {
            throw VipsCodec.corrupt(vips, "SVG");
        }
        return out.get(ADDRESS, 0);
    }
}
