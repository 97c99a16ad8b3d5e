package dev.pictor.engine.codec;

import java.util.Optional;

/**
 * A Lanczos-3 reduction in native code (libvips' reduce: SIMD, and on more than one core when they are free), for the
 * large shrinks where the JVM's scalar loops cost most; the engine's own resampler does everything else.
 */
public interface NativeReducer {

    /**
     * {@code pixels}, packed 0xAARRGGBB with any alpha premultiplied, reduced from {@code width} x {@code height} to
     * {@code targetWidth} x {@code targetHeight} (neither larger), each channel on its own; empty when the library
     * could not do it, so the caller resamples the pixels itself.
     */
    Optional<int[]> reduce(int[] pixels, int width, int height, int targetWidth, int targetHeight);
}
