package dev.pictor.engine.turbojpeg;

import dev.pictor.engine.codec.JpegCodec;
import dev.pictor.error.ImageException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Optional;

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
    public Optional<BufferedImage> decode(byte[] jpeg, int shrink) {
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
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        try {
            turbo.decode(jpeg, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), width, height);
        } catch (TurboJpeg.TurboJpegException e) {
            throw new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                    "the source image could not be decoded", e);
        }
        return Optional.of(image);
    }

    @Override
    public byte[] encode(BufferedImage image, int quality) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        return turbo.encode(pixels, image.getWidth(), image.getHeight(), quality, true);
    }
}
