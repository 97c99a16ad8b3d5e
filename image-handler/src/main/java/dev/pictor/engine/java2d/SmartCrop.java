package dev.pictor.engine.java2d;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Chooses a crop window by content, in the spirit of libvips' "attention" strategy: a saliency score per pixel of a
 * small preview (edges, skin tones, saturation), then the window position with the highest total.
 */
final class SmartCrop {

    /**
     * The preview's longer side. Small on purpose: at this scale fine texture (bark, gravel, foliage) averages out
     * while a subject's outline and colour remain; at 256 pixels a textured area outscored a bird in front of it.
     * Across 14 photos and 3 crop shapes, windows at 48 held sharp's attention point 23 times in 42, at 256 20.
     */
    private static final int PREVIEW = 48;

    private SmartCrop() {
    }

    static Rectangle window(BufferedImage image, int width, int height) {
        int w = image.getWidth();
        int h = image.getHeight();
        SaliencyMap map = SaliencyMap.of(image);
        double s = map.scale();
        int pw = map.width();
        int ph = map.height();
        double[] integral = new double[(pw + 1) * (ph + 1)];
        for (int y = 0; y < ph; y++) {
            double rowSum = 0;
            for (int x = 0; x < pw; x++) {
                rowSum += map.values()[y * pw + x];
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

    /**
     * The box holding the middle 80% of the saliency along each axis (the subject, without stray detail near the
     * edges), widened by {@code padding} pixels and kept within the image.
     */
    static Rectangle subject(BufferedImage image, int padding) {
        SaliencyMap map = SaliencyMap.of(image);
        double s = map.scale();
        double[] columns = new double[map.width()];
        double[] rows = new double[map.height()];
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                double v = map.values()[y * map.width() + x];
                columns[x] += v;
                rows[y] += v;
            }
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] xs = middle(columns, 0.1);
        int[] ys = middle(rows, 0.1);
        int left = Math.max(0, (int) Math.floor(xs[0] / s) - padding);
        int top = Math.max(0, (int) Math.floor(ys[0] / s) - padding);
        int right = Math.min(w, (int) Math.ceil((xs[1] + 1) / s) + padding);
        int bottom = Math.min(h, (int) Math.ceil((ys[1] + 1) / s) + padding);
        return new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    /** Saliency per pixel of a preview at most PREVIEW pixels on a side, {@code scale} times the image's size. */
    private record SaliencyMap(double scale, int width, int height, double[] values) {

        static SaliencyMap of(BufferedImage image) {
            double s = Math.min(1, (double) PREVIEW / Math.max(image.getWidth(), image.getHeight()));
            BufferedImage preview = s < 1 ? Resampler.scale(image,
                    Math.max(1, (int) Math.round(image.getWidth() * s)),
                    Math.max(1, (int) Math.round(image.getHeight() * s))) : image;
            int pw = preview.getWidth();
            int ph = preview.getHeight();
            int[] p = Images.data(preview);
            boolean alpha = Images.hasAlpha(preview);
            double[] values = new double[pw * ph];
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    values[y * pw + x] = saliency(p, pw, ph, x, y, alpha);
                }
            }
            return new SaliencyMap(s, pw, ph, values);
        }
    }

    /** The first and last index between which the mass lies once {@code tail} of it is cut from each end. */
    private static int[] middle(double[] mass, double tail) {
        double total = 0;
        for (double m : mass) {
            total += m;
        }
        if (total <= 0) {
            return new int[] {0, mass.length - 1};
        }
        int first = 0;
        double seen = 0;
        while (first < mass.length - 1 && seen + mass[first] < total * tail) {
            seen += mass[first++];
        }
        int last = mass.length - 1;
        seen = 0;
        while (last > first && seen + mass[last] < total * tail) {
            seen += mass[last--];
        }
        return new int[] {first, last};
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
