package dev.pictor.engine.codec;

import dev.pictor.plan.SourceInfo;
import java.awt.image.BufferedImage;

/** A decoder in a native library for a format ImageIO cannot read (AVIF, HEIC), used when the library loads. */
public interface NativeDecoder {

    /** What the log says runs. */
    String description();

    /** Size and alpha from the container, without decoding the compressed data. */
    SourceInfo probe(byte[] data);

    /** Decodes into the working form: sRGB, {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}. */
    BufferedImage decode(byte[] data);
}
