package dev.pictor.engine.java2d;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The working form of every image inside this engine: sRGB packed into ints, {@code TYPE_INT_RGB} when opaque and
 * {@code TYPE_INT_ARGB} (straight alpha) when not, so each step can work on one primitive array.
 */
final class Images {

    private Images() {
    }

    static BufferedImage create(int width, int height, boolean alpha) {
        return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /** A copy in the working form, for a step that must not change the pixels another plan still reads. */
    static BufferedImage copy(BufferedImage image) {
        BufferedImage working = Decoder.toWorkingForm(image);
        if (working != image) {
            return working;
        }
        BufferedImage copy = create(image.getWidth(), image.getHeight(), hasAlpha(image));
        int[] from = data(image);
        System.arraycopy(from, 0, data(copy), 0, from.length);
        return copy;
    }

    static int[] data(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    static boolean hasAlpha(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_ARGB;
    }

    /** Premultiplies straight-alpha pixels in place, so that filters do not bleed the colour of invisible pixels. */
    static void premultiply(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int a = p >>> 24;
            if (a == 255) {
                continue;
            }
            if (a == 0) {
                pixels[i] = 0;
                continue;
            }
            int r = ((p >> 16) & 0xFF) * a / 255;
            int g = ((p >> 8) & 0xFF) * a / 255;
            int b = (p & 0xFF) * a / 255;
            pixels[i] = a << 24 | r << 16 | g << 8 | b;
        }
    }

    static void unpremultiply(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int a = p >>> 24;
            if (a == 255 || a == 0) {
                continue;
            }
            int r = Math.min(255, ((p >> 16) & 0xFF) * 255 / a);
            int g = Math.min(255, ((p >> 8) & 0xFF) * 255 / a);
            int b = Math.min(255, (p & 0xFF) * 255 / a);
            pixels[i] = a << 24 | r << 16 | g << 8 | b;
        }
    }

    /** A channel value held to 0..255. */
    static int clamp(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }
}
