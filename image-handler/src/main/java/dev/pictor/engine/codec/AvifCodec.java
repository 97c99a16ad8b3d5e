package dev.pictor.engine.codec;

import java.awt.image.BufferedImage;

/** An AVIF codec the engine uses when one is present (libvips with libheif and libaom); without it, no AVIF. */
public interface AvifCodec extends NativeDecoder {

    /**
     * Whether the codec works here: a library found but not loadable (on Lambda, a runtime without the C++ library
     * libvips needs) must turn AVIF off, not fail every request that would choose it.
     */
    default boolean available() {
        return true;
    }

    /** Encodes a working-form image, keeping its alpha. */
    byte[] encode(BufferedImage image, int quality);
}
