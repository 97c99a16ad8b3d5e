package dev.pictor.engine.java2d;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Chooses a crop window by content, in the spirit of libvips' "attention" strategy: a saliency score per pixel of a
 * small preview (edges, skin tones, saturation), then the window position with the highest total.
 */
final class SmartCrop {

    private static final int PREVIEW = 256;

    private SmartCrop() {
    }

    static Rectangle window(BufferedImage image, int width, int height) {
        int w = image.getWidth();
        int h = image.getHeight();
        double s = Math.min(1, (double) PREVIEW / Math.max(w, h));
        int pw = Math.max(1, (int) Math.round(w * s));
        int ph = Math.max(1, (int) Math.round(h * s));
        BufferedImage preview = s < 1 ? Resampler.scale(image, pw, ph) : image;
        int[] p = Images.data(preview);
        boolean alpha = Images.hasAlpha(preview);
        double[] integral = new double[(pw + 1) * (ph + 1)];
        for (int y = 0; y < ph; y++) {
            double rowSum = 0;
            for (int x = 0; x < pw; x++) {
                rowSum += saliency(p, pw, ph, x, y, alpha);
                integral[(y + 1) * (pw + 1) + x + 1] = integral[y * (pw + 1) + x + 1] + rowSum;
            }
        }
        int ww = Math.min(pw, Math.max(1, (int) Math.round(width * s)));
        int wh = Math.min(ph, Math.max(1, (int) Math.round(height * s)));
        int bestX = (pw - ww) / 2;
        int bestY = (ph - wh) / 2;
        double best = -1;
        for (int y = 0; y + wh <= ph; y++) {
            for (int x = 0; x + ww <= pw; x++) {
                double sum = integral[(y + wh) * (pw + 1) + x + ww] - integral[y * (pw + 1) + x + ww]
                        - integral[(y + wh) * (pw + 1) + x] + integral[y * (pw + 1) + x];
                if (sum > best + 1e-9) {
                    best = sum;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        int x = Math.min(w - width, Math.max(0, (int) Math.round(bestX / s)));
        int y = Math.min(h - height, Math.max(0, (int) Math.round(bestY / s)));
        return new Rectangle(x, y, width, height);
    }

    private static double saliency(int[] p, int w, int h, int x, int y, boolean hasAlpha) {
        int c = p[y * w + x];
        int r = (c >> 16) & 0xFF;
        int g = (c >> 8) & 0xFF;
        int b = c & 0xFF;
        double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double edge = 0;
        if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
            edge = Math.abs(4 * luma - lum(p[y * w + x - 1]) - lum(p[y * w + x + 1]) - lum(p[(y - 1) * w + x])
                    - lum(p[(y + 1) * w + x]));
        }
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        double saturation = max == 0 ? 0 : (max - min) / (double) max;
        // Skin: red dominant, moderately saturated, not too dark (a common RGB rule of thumb).
        boolean skin = r > 95 && g > 40 && b > 20 && r > g && r > b && r - Math.min(g, b) > 15 && Math.abs(r - g) > 15;
        double visible = hasAlpha ? (c >>> 24) / 255.0 : 1;
        return (edge + saturation * 40 + (skin ? 60 : 0)) * visible;
    }

    private static double lum(int c) {
        return 0.2126 * ((c >> 16) & 0xFF) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * (c & 0xFF);
    }
}
