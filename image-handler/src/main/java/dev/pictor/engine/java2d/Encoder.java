package dev.pictor.engine.java2d;

import dev.pictor.edit.Color;
import dev.pictor.edit.ImageFormat;
import dev.pictor.error.ImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the working form through ImageIO: JPEG (see {@link #progressive}), PNG, WebP (libwebp), GIF, TIFF, BMP. No metadata is carried over: pixels are already upright and sRGB.
 */
final class Encoder {

    /** Outputs up to about 300x300 (thumbnails). */
    private static final long SMALL = 90_000;

    /**
     * Progressive JPEG for larger outputs, where its scans save bytes; baseline with optimised Huffman tables for
     * thumbnails, where it is smaller (10 to 20 percent at 100x100) and the encoder's speed does not matter.
     */
    static boolean progressive(long pixels) {
        return pixels > SMALL;
    }

    /** Whether quality changes the size: the formats written lossily. */
    static boolean lossy(ImageFormat format) {
        return format == ImageFormat.JPEG || format == ImageFormat.WEBP || format == ImageFormat.AVIF;
    }

    static boolean canEncode(ImageFormat format) {
        return switch (format) {
            case JPEG, PNG, GIF, TIFF, BMP -> true;
            case WEBP -> ImageIO.getImageWritersByMIMEType("image/webp").hasNext();
            case AVIF, HEIF, SVG -> false;
        };
    }

    byte[] encode(BufferedImage image, ImageFormat format, int quality, Color background) {
        BufferedImage pixels = format.hasAlpha() ? image : flatten(image, background);
        ImageWriter writer = writer(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, pixels.getWidth() * pixels.getHeight() / 4));
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(pixels, null, null),
                    param(writer, format, quality, (long) pixels.getWidth() * pixels.getHeight()));
        } catch (IOException e) {
            throw ImageException.internal("encoding " + format + " failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter writer(ImageFormat format) {
        Iterator<ImageWriter> writers = format == ImageFormat.WEBP
                ? ImageIO.getImageWritersByMIMEType("image/webp")
                : ImageIO.getImageWritersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!writers.hasNext()) {
            throw ImageException.invalidParameter("format " + format.extension() + " cannot be written by this server");
        }
        return writers.next();
    }

    private static ImageWriteParam param(ImageWriter writer, ImageFormat format, int quality, long pixels) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        switch (format) {
            case JPEG -> {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                if (progressive(pixels)) {
                    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                } else if (param instanceof JPEGImageWriteParam jpeg) {
                    jpeg.setOptimizeHuffmanTables(true);
                }
            }
            case WEBP -> {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(param.getCompressionTypes()[0]);
                param.setCompressionQuality(quality / 100f);
            }
            default -> {
                return null;
            }
        }
        return param;
    }

    /** JPEG and BMP have no alpha: transparent pixels are laid over the background colour (made opaque). */
    static BufferedImage flatten(BufferedImage image, Color background) {
        if (!Images.hasAlpha(image)) {
            return image;
        }
        BufferedImage out = Images.create(image.getWidth(), image.getHeight(), false);
        int[] src = Images.data(image);
        int[] dst = Images.data(out);
        int br = background.red();
        int bg = background.green();
        int bb = background.blue();
        for (int i = 0; i < src.length; i++) {
            int p = src[i];
            int a = p >>> 24;
            int r = (((p >> 16) & 0xFF) * a + br * (255 - a) + 127) / 255;
            int g = (((p >> 8) & 0xFF) * a + bg * (255 - a) + 127) / 255;
            int b = ((p & 0xFF) * a + bb * (255 - a) + 127) / 255;
            dst[i] = r << 16 | g << 8 | b;
        }
        return out;
    }
}
