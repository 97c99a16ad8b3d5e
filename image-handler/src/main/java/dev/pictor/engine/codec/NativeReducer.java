package dev.pictor.engine.codec;

import java.awt.Rectangle;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A Lanczos-3 reduction in native code (libvips' reduce: SIMD, and on more than one core when they are free), for the
 * large shrinks where the JVM's scalar loops cost most; the engine's own resampler does everything else.
 */
public interface NativeReducer {

    /**
     * The {@code region} of {@code pixels} ({@code width} x {@code height} packed ints in native memory, 0xAARRGGBB
     * with any alpha premultiplied) reduced to {@code targetWidth} x {@code targetHeight} (neither larger than the
     * region), each channel on its own; empty when the library could not do it, so the caller resamples the pixels
     * itself.
     */
    Optional<int[]> reduce(MemorySegment pixels, int width, int height, Rectangle region, int targetWidth,
                           int targetHeight);
}
