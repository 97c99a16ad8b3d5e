package dev.pictor.engine.codec;

import java.lang.foreign.MemorySegment;

/**
 * Packed opaque pixels in native memory, {@code width * height} ints (BGRX: 0xFFRRGGBB on little-endian machines), at
 * the size the decoder made them, which the caller checks against its plan before reading them as that size.
 */
public record NativePixels(MemorySegment pixels, int width, int height) {

    public NativePixels {
        if (pixels.byteSize() < (long) width * height * Integer.BYTES) {
            throw new IllegalArgumentException(pixels.byteSize() + " bytes cannot hold " + width + "x" + height);
        }
    }
}
