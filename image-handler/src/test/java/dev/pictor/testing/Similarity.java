package dev.pictor.testing;

import java.awt.image.BufferedImage;

/**
 * The structural similarity (SSIM) of two images of the same size, on luma, over 8x8 windows: 1 for identical
 * images, above about 0.9 for the same picture resampled or recompressed differently. Transparent parts are seen
 * on mid grey, so that the colour hidden under them does not count. The tests' golden-image
 * checks and the benchmark's comparison of outputs both score with it.
 */
public final class Similarity {

    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private Similarity() {
    }

    public static double ssim(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " and "
                    + b.getWidth() + "x" + b.getHeight());
        }
        double[] la = luma(a);
        double[] lb = luma(b);
        int w = a.getWidth();
        int h = a.getHeight();
        int window = Math.min(8, Math.min(w, h));
        double total = 0;
        int count = 0;
        for (int y = 0; y + window <= h; y += window / 2) {
            for (int x = 0; x + window <= w; x += window / 2) {
                total += window(la, lb, w, x, y, window);
                count++;
            }
        }
        return total / count;
    }

    private static double window(double[] a, double[] b, int w, int x0, int y0, int size) {
        double ma = 0;
        double mb = 0;
        int n = size * size;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                ma += a[y * w + x];
                mb += b[y * w + x];
            }
        }
        ma /= n;
        mb /= n;
        double va = 0;
        double vb = 0;
        double cov = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                double da = a[y * w + x] - ma;
                double db = b[y * w + x] - mb;
                va += da * da;
                vb += db * db;
                cov += da * db;
            }
        }
        va /= n - 1;
        vb /= n - 1;
        cov /= n - 1;
        return ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
    }

    private static double[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] out = new double[w * h];
        if (image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
            // getRGB would treat grey samples as linear light and brighten them; the samples are already luma.
            int shift = image.getColorModel().getComponentSize(0) - 8;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = image.getRaster().getSample(x, y, 0) >> shift;
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                double alpha = (p >>> 24) / 255.0;
                double luma = 0.2126 * ((p >> 16) & 0xFF) + 0.7152 * ((p >> 8) & 0xFF) + 0.0722 * (p & 0xFF);
                out[y * w + x] = luma * alpha + 128 * (1 - alpha);
            }
        }
        return out;
    }
}
