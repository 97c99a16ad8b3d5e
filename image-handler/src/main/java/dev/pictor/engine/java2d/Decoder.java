package dev.pictor.engine.java2d;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.Exif;
import dev.pictor.engine.FormatSniffer;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads sources through ImageIO (with TwelveMonkeys' JPEG, WebP, TIFF and BMP readers, and libwebp's) into the
 * engine's working form: sRGB, packed ints. Embedded ICC profiles are honoured by converting to sRGB; CMYK JPEGs
 * come out as RGB; grey images keep their encoded values rather than being treated as linear light.
 */
final class Decoder {

    static {
        ImageIO.setUseCache(false);
    }

    SourceInfo probe(byte[] data) {
        ImageFormat format = FormatSniffer.sniff(data).orElseThrow(() -> ImageException.unsupported(
                "NotAnImage", "the source is not an image in a format this server knows"));
        if (format == ImageFormat.AVIF || format == ImageFormat.HEIF) {
            throw ImageException.unsupported("UnsupportedFormat",
                    format.extension() + " sources cannot be decoded by this server yet");
        }
        SourceInfo info = withReader(data, false, reader -> {
            boolean alpha = format == ImageFormat.WEBP ? webpAlpha(data) : alpha(reader);
            int orientation = format == ImageFormat.JPEG ? exifOrientation(data) : 1;
            return new SourceInfo(format, reader.getWidth(0), reader.getHeight(0), orientation, alpha);
        });
        if (format == ImageFormat.WEBP) {
            return AnimatedWebp.layout(data).map(a -> new SourceInfo(format, a.width(), a.height(), 1, true,
                    a.frames().size())).orElse(info);
        }
        if (format != ImageFormat.GIF) {
            return info;
        }
        // The size is the larger of the logical screen and the first frame: frames are laid on the screen, so a
        // tiny first frame must not hide a huge screen from the pixel limits, and a later frame larger than that is
        // refused (each is decoded whole). A GIF's first frame may be opaque while later ones show through: an
        // animation counts as having alpha.
        GifBlocks.Layout layout = GifBlocks.read(data);
        int[] canvas = GifBlocks.canvas(layout);
        int frames = layout.frames().size();
        return new SourceInfo(format, canvas[0], canvas[1], 1, info.hasAlpha() || frames > 1, frames);
    }

    BufferedImage decode(byte[] data) {
        return withReader(data, false, reader -> toWorkingForm(reader.read(0)));
    }

    interface ReaderAction<T> {
        T run(ImageReader reader) throws IOException;
    }

    /** @param everything whether the action reads metadata or more than the first image (slower set-up) */
    static <T> T withReader(byte[] data, boolean everything, ReaderAction<T> action) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ImageException.unsupported("UnsupportedFormat", "no decoder for this source's format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, !everything, !everything);
                return action.run(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageException known) {
                throw known;
            }
            throw new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                    "the source image could not be decoded", e);
        }
    }

    private static boolean alpha(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null) {
            return raw.getColorModel().hasAlpha();
        }
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() && types.next().getColorModel().hasAlpha();
    }

    /**
     * WebP readers report alpha for every image; the container says whether there is any: lossy "VP8 " never,
     * lossless "VP8L" in its header bits, extended "VP8X" in its flags.
     */
    private static boolean webpAlpha(byte[] data) {
        String chunk = new String(data, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8X" -> data.length > 20 && (data[20] & 0x10) != 0;
            case "VP8L" -> data.length > 24 && ((data[24] & 0xFF) >> 4 & 1) == 1;
            default -> false;
        };
    }

    /** The EXIF orientation of a JPEG (1 when absent or unreadable: a bad EXIF block must not fail the image). */
    static int exifOrientation(byte[] data) {
        return Exif.read(data).map(Exif::orientation).orElse(1);
    }

    static BufferedImage toWorkingForm(BufferedImage image) {
        int type = image.getType();
        if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && image.getRaster().getDataBuffer().getNumBanks() == 1 && image.getRaster().getParent() == null) {
            return image;
        }
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        boolean alpha = model.hasAlpha();
        BufferedImage out = Images.create(image.getWidth(), image.getHeight(), alpha);
        if (space.getType() == ColorSpace.TYPE_GRAY) {
            copyGray(image.getRaster(), model, Images.data(out));
        } else if (!space.isCS_sRGB()) {
            new ColorConvertOp(null).filter(image, out);
        } else if (type == BufferedImage.TYPE_3BYTE_BGR) {
            copyBgr(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), Images.data(out));
        } else {
            image.getRGB(0, 0, image.getWidth(), image.getHeight(), Images.data(out), 0, image.getWidth());
            if (!alpha) {
                int[] pixels = Images.data(out);
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] &= 0xFFFFFF;
                }
            }
        }
        return out;
    }

    private static void copyBgr(byte[] bgr, int[] out) {
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            out[i] = (bgr[j + 2] & 0xFF) << 16 | (bgr[j + 1] & 0xFF) << 8 | (bgr[j] & 0xFF);
        }
    }

    private static void copyGray(Raster raster, ColorModel model, int[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int grayShift = Math.max(0, model.getComponentSize(0) - 8);
        boolean alpha = model.hasAlpha();
        int alphaShift = alpha ? Math.max(0, model.getComponentSize(1) - 8) : 0;
        int[] gray = new int[w];
        int[] alphaRow = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphaRow);
            }
            for (int x = 0; x < w; x++) {
                int v = gray[x] >> grayShift;
                int a = alpha ? alphaRow[x] >> alphaShift : 0;
                out[y * w + x] = a << 24 | v << 16 | v << 8 | v;
            }
        }
    }
}
