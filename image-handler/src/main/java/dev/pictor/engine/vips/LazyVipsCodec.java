package dev.pictor.engine.vips;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.codec.AnimationEncoder;
import dev.pictor.engine.codec.AvifCodec;
import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import dev.pictor.engine.codec.NativeLibrary;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * libvips' codecs (AVIF, animations) and its reducer, with the library loaded on the first request that needs it
 * rather than at start-up: loading the 18 MB library takes 50 to 80 ms, which the init phase should not pay. The
 * first large JPEG resize loads it (and, measured, is still faster than before: the reduction saves more than that).
 */
public final class LazyVipsCodec implements AvifCodec, AnimationEncoder, NativeReducer {

    private final NativeLibrary<Vips> library;
    private volatile VipsCodec codec;

    public LazyVipsCodec(NativeLibrary<Vips> library) {
        this.library = library;
    }

    @Override
    public String description() {
        return "libvips " + library.firstFile().map(f -> f.getFileName().toString()).orElse("(none found)")
                + " (loaded on first use)";
    }

    @Override
    public SourceInfo probe(byte[] avif) {
        return codec().probe(avif);
    }

    @Override
    public BufferedImage decode(byte[] avif) {
        return codec().decode(avif);
    }

    @Override
    public byte[] encode(BufferedImage image, int quality) {
        return codec().encode(image, quality);
    }

    /** Loads the library (once): the first request that would choose AVIF pays for it, or learns it is off. */
    @Override
    public boolean available() {
        return codec != null || library.get().isPresent();
    }

    /** Loads the library only for formats it would animate. */
    @Override
    public boolean canAnimate(ImageFormat format) {
        return VipsCodec.animates(format) && available();
    }

    @Override
    public byte[] encodeAnimation(ImageFormat format, List<BufferedImage> frames, int[] delays, int loops,
                                  int quality) {
        return codec().encodeAnimation(format, frames, delays, loops, quality);
    }

    /** Without the library, the JVM's resampler does the work: a resize never fails for want of libvips. */
    @Override
    public Optional<int[]> reduce(MemorySegment pixels, int width, int height, Rectangle region, int targetWidth,
                                  int targetHeight) {
        return library.get().flatMap(v -> loaded(v).reduce(pixels, width, height, region, targetWidth,
                targetHeight));
    }

    private VipsCodec loaded(Vips vips) {
        VipsCodec loaded = codec;
        if (loaded == null) {
            loaded = new VipsCodec(vips);
            codec = loaded;
        }
        return loaded;
    }

    private VipsCodec codec() {
        // As if there were no libvips: the formats only it handles are not supported here.
        return library.get().map(this::loaded).orElseThrow(() -> ImageException.unsupported("CodecUnavailable",
                "AVIF is not available on this server: libvips could not be loaded"));
    }
}
