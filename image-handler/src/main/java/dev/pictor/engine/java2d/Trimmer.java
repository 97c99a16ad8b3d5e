package dev.pictor.engine.java2d;

import dev.pictor.edit.Trim;
import java.awt.image.BufferedImage;

/** Thumbor's trim: the smallest box holding every pixel farther than the tolerance from the corner's colour. */
final class Trimmer {

    private Trimmer() {
    }

    static BufferedImage trim(BufferedImage image, Trim trim) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = Images.data(image);
        int reference = trim.bottomRight() ? pixels[pixels.length - 1] : pixels[0];
        long limit = (long) trim.tolerance() * trim.tolerance();
        int top = h;
        int bottom = -1;
        int left = w;
        int right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (distanceSquared(pixels[y * w + x], reference) > limit) {
                    top = Math.min(top, y);
                    bottom = y;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0 || (left == 0 && top == 0 && right == w - 1 && bottom == h - 1)) {
            return image;
        }
        return Geometry.region(image, left, top, right - left + 1, bottom - top + 1);
    }

    private static long distanceSquared(int p, int q) {
        int dr = ((p >> 16) & 0xFF) - ((q >> 16) & 0xFF);
        int dg = ((p >> 8) & 0xFF) - ((q >> 8) & 0xFF);
        int db = (p & 0xFF) - (q & 0xFF);
        int da = (p >>> 24) - (q >>> 24);
        return (long) dr * dr + dg * dg + db * db + (long) da * da;
    }
}
