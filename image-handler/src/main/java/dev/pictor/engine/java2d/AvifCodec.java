package dev.pictor.engine.java2d;

import dev.pictor.plan.SourceInfo;
import java.awt.image.BufferedImage;

/** An AVIF codec the engine uses when one is present (libvips with libheif and libaom); without it, no AVIF. */
public interface AvifCodec {

    /** What the log says runs. */
    String description();

    /** Size and alpha from the container, without decoding the AV1 data. */
    SourceInfo probe(byte[] avif);

    /** Decodes into the working form: sRGB, {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}. */
    BufferedImage decode(byte[] avif);

    /** Encodes a working-form image, keeping its alpha. */
    byte[] encode(BufferedImage image, int quality);
}
