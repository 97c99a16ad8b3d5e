package dev.pictor.engine.codec;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.util.Optional;

/** A faster JPEG codec the pure-JVM engine uses when one is present (libjpeg-turbo); ImageIO otherwise. */
public interface JpegCodec {

    /** What the log says runs. */
    String description();

    /**
     * Decodes at 1/{@code shrink} of the stored size (1, 2, 4 or 8) into the working form ({@code TYPE_INT_RGB},
     * sRGB), or answers empty for a file this codec does not handle faithfully (CMYK, an embedded ICC profile).
     */
    default Optional<BufferedImage> decode(byte[] jpeg, int shrink) {
        try (Arena arena = Arena.ofConfined()) {
            return decode(jpeg, shrink, arena).map(NativePixels::toImage);
        }
    }

    /**
     * The same decode left in native memory that {@code arena} holds, for a native reducer to read where the decoder
     * wrote, without the two copies through the heap.
     */
    Optional<NativePixels> decode(byte[] jpeg, int shrink, Arena arena);

    /** Encodes an opaque working-form image. */
    byte[] encode(BufferedImage image, int quality);
}
