package dev.pictor.engine.codec;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

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

    /** The pixels copied to the heap as the working form ({@code TYPE_INT_RGB}, whose layout BGRX already is). */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        MemorySegment.copy(pixels, JAVA_INT, 0, data, 0, data.length);
        return image;
    }
}
