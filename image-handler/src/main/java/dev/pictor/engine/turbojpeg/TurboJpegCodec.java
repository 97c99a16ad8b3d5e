package dev.pictor.engine.turbojpeg;

import dev.pictor.engine.codec.JpegCodec;
import dev.pictor.engine.codec.NativePixels;
import dev.pictor.error.ImageException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * JPEG through libjpeg-turbo: decoding scaled in the DCT, which is what makes thumbnails of large photos cheap, and
 * progressive encoding. Files whose colours need ImageIO's colour management (CMYK, embedded ICC profiles) are
 * left to it.
 */
public final class TurboJpegCodec implements JpegCodec {

    private final TurboJpeg turbo;

    public TurboJpegCodec(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    @Override
    public String description() {
        return "libjpeg-turbo (" + turbo.origin() + ", FFM)";
    }

    @Override
    public Optional<NativePixels> decode(byte[] jpeg, int shrink, Arena arena) {
        TurboJpeg.Header header;
        try {
            header = turbo.header(jpeg);
        } catch (TurboJpeg.TurboJpegException e) {
            return Optional.empty();
        }
        if (header.cmyk() || JpegMarkers.hasIccProfile(jpeg)) {
            return Optional.empty();
        }
        int width = (header.width() + shrink - 1) / shrink;
        int height = (header.height() + shrink - 1) / shrink;
        MemorySegment pixels = arena.allocate(JAVA_INT, (long) width * height);
        try {
            turbo.decode(jpeg, pixels, width, height);
        } catch (TurboJpeg.TurboJpegException e) {
            throw new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                    "the source image could not be decoded", e);
        }
        return Optional.of(new NativePixels(pixels, width, height));
    }

    @Override
    public byte[] encode(BufferedImage image, int quality) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        return turbo.encode(pixels, image.getWidth(), image.getHeight(), quality, true);
    }
}
