package dev.pictor.engine.java2d;

import java.awt.image.BufferedImage;

/** An AVIF codec the engine uses when one is present (libvips with libheif and libaom); without it, no AVIF. */
public interface AvifCodec extends NativeDecoder {

    /** Encodes a working-form image, keeping its alpha. */
    byte[] encode(BufferedImage image, int quality);
}
