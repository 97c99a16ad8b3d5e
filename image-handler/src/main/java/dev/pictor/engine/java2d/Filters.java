package dev.pictor.engine.java2d;

import dev.pictor.edit.Blur;
import dev.pictor.edit.Brightness;
import dev.pictor.edit.Contrast;
import dev.pictor.edit.Channels;
import dev.pictor.edit.Clahe;
import dev.pictor.edit.Colorize;
import dev.pictor.edit.Curve;
import dev.pictor.edit.Linear;
import dev.pictor.edit.Median;
import dev.pictor.edit.Modulate;
import dev.pictor.edit.PixelFilter;
import dev.pictor.edit.Recomb;
import dev.pictor.edit.Threshold;
import dev.pictor.edit.Equalize;
import dev.pictor.edit.Grayscale;
import dev.pictor.edit.Rgb;
import dev.pictor.edit.Saturation;
import dev.pictor.edit.Sharpen;
import dev.pictor.edit.Convolve;
import dev.pictor.edit.Flatten;
import dev.pictor.edit.Negate;
import dev.pictor.edit.Noise;
import dev.pictor.edit.Normalize;
import dev.pictor.edit.RoundCorner;
import dev.pictor.edit.RoundCrop;
import dev.pictor.edit.Tint;
import java.awt.image.BufferedImage;

/** Filters that keep the size, each a pass over the packed pixels. Alpha is left as it is. */
final class Filters {

    private Filters() {
    }

    static BufferedImage apply(BufferedImage image, PixelFilter filter) {
        switch (filter) {
            case Grayscale g -> grayscale(Images.data(image));
            case Blur b -> blur(image, b.sigma());
            case Sharpen s -> sharpen(image, s);
            case Brightness b -> levels(Images.data(image), shift(b.percent()), shift(b.percent()),
                    shift(b.percent()));
            case Rgb rgb -> levels(Images.data(image), shift(rgb.red()), shift(rgb.green()), shift(rgb.blue()));
            case Contrast c -> contrast(Images.data(image), c.percent());
            case Equalize e -> equalize(Images.data(image));
            case Saturation s -> saturate(Images.data(image), s.factor());
            case Normalize n -> Tones.normalize(Images.data(image));
            case Negate n -> Tones.negate(Images.data(image));
            case Tint t -> Tones.tint(Images.data(image), t.color());
            case Noise n -> Tones.noise(Images.data(image), image.getWidth(), image.getHeight(), n.amount());
            case Convolve c -> Tones.convolve(image, c);
            case Flatten f -> {
                return Encoder.flatten(image, f.background());
            }
            case RoundCrop r -> {
                return Masks.ellipse(image, r);
            }
            case RoundCorner r -> {
                return Masks.roundCorners(image, r);
            }
            case Threshold t -> SharpOps.threshold(Images.data(image), t);
            case Linear l -> SharpOps.linear(Images.data(image), l);
            case Recomb r -> SharpOps.recomb(Images.data(image), r);
            case Modulate m -> SharpOps.modulate(Images.data(image), m);
            case Median m -> {
                return SharpOps.median(image, m);
            }
            case Channels c -> {
                return SharpOps.channels(image, c);
            }
            case Colorize c -> colorize(Images.data(image), c);
            case Curve c -> curve(Images.data(image), c);
            case Clahe c -> {
                return SharpOps.clahe(image, c);
            }
        }
        return image;
    }

    private static void grayscale(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            // Rec. 709 luma on the encoded values, as sharp and libvips do.
            int y = (((p >> 16) & 0xFF) * 2126 + ((p >> 8) & 0xFF) * 7152 + (p & 0xFF) * 722 + 5000) / 10000;
            pixels[i] = (p & 0xFF000000) | y << 16 | y << 8 | y;
        }
    }

    /**
     * Each colour moved from the pixel's perceived brightness, sqrt(.299 r^2 + .587 g^2 + .114 b^2), by
     * {@code factor}, then clamped: Thumbor's formula.
     */
    private static void saturate(int[] pixels, double factor) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            double grey = Math.sqrt(r * r * 0.299 + g * g * 0.587 + b * b * 0.114);
            pixels[i] = (p & 0xFF000000) | Images.clamp((int) (grey + (r - grey) * factor)) << 16
                    | Images.clamp((int) (grey + (g - grey) * factor)) << 8
                    | Images.clamp((int) (grey + (b - grey) * factor));
        }
    }

    /** Thumbor's blend, channel by channel: (value * (100 - p) + fill * p) / 100, truncated, then clamped. */
    private static void colorize(int[] pixels, Colorize c) {
        int[][] tables = new int[3][256];
        int[] percents = {c.redPercent(), c.greenPercent(), c.bluePercent()};
        int[] fills = {c.fill().red(), c.fill().green(), c.fill().blue()};
        for (int k = 0; k < 3; k++) {
            for (int v = 0; v < 256; v++) {
                tables[k][v] = Images.clamp((int) ((v * (100.0 - percents[k]) + fills[k] * (double) percents[k])
                        / 100.0));
            }
        }
        levels(pixels, tables[0], tables[1], tables[2]);
    }

    /** Each channel through its own curve, then through the curve for all: Thumbor's order. */
    private static void curve(int[] pixels, Curve c) {
        int[] all = spline(c.all());
        int[] red = spline(c.red());
        int[] green = spline(c.green());
        int[] blue = spline(c.blue());
        int[][] tables = new int[3][256];
        for (int v = 0; v < 256; v++) {
            tables[0][v] = all[red[v]];
            tables[1][v] = all[green[v]];
            tables[2][v] = all[blue[v]];
        }
        levels(pixels, tables[0], tables[1], tables[2]);
    }

    /**
     * A 256-entry table through the points by a natural cubic spline (second derivatives 0 at the ends), the first
     * point's y below the first x and the last point's y from the last x on.
     */
    static int[] spline(java.util.List<Integer> points) {
        int n = points.size() / 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points.get(2 * i);
            y[i] = points.get(2 * i + 1);
        }
        // Second derivatives m: for each inner point, h[i-1]/6 m[i-1] + (h[i-1] + h[i])/3 m[i] + h[i]/6 m[i+1] equals
        // the change of slope there; m is 0 at both ends (natural). Solved by elimination down, substitution up.
        double[] second = new double[n];
        if (n > 2) {
            double[] diagonal = new double[n];
            double[] right = new double[n];
            for (int i = 1; i < n - 1; i++) {
                diagonal[i] = (x[i + 1] - x[i - 1]) / 3;
                right[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
                if (i > 1) {
                    double w = (x[i] - x[i - 1]) / 6 / diagonal[i - 1];
                    diagonal[i] -= w * (x[i] - x[i - 1]) / 6;
                    right[i] -= w * right[i - 1];
                }
            }
            for (int i = n - 2; i >= 1; i--) {
                second[i] = (right[i] - (x[i + 1] - x[i]) / 6 * second[i + 1]) / diagonal[i];
            }
        }
        int[] table = new int[256];
        java.util.Arrays.fill(table, (int) y[0]);
        for (int i = 0; i < n - 1; i++) {
            double h = x[i + 1] - x[i];
            for (int v = (int) x[i]; v < x[i + 1]; v++) {
                double b = (v - x[i]) / h;
                double a = 1 - b;
                double value = a * y[i] + b * y[i + 1]
                        + h * h / 6 * ((a * a * a - a) * second[i] + (b * b * b - b) * second[i + 1]);
                table[v] = Images.clamp((int) Math.round(value));
            }
        }
        for (int v = (int) x[n - 1]; v < 256; v++) {
            table[v] = (int) y[n - 1];
        }
        return table;
    }

    private static int[] shift(int percent) {
        int delta = (int) Math.floor(255 * percent / 100.0);
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = Images.clamp(v + delta);
        }
        return table;
    }

    private static void contrast(int[] pixels, int percent) {
        double c = percent * 2.55;
        double factor = 259 * (c + 255) / (255 * (259 - c));
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = Images.clamp((int) Math.round(factor * (v - 128) + 128));
        }
        levels(pixels, table, table, table);
    }

    private static void levels(int[] pixels, int[] red, int[] green, int[] blue) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            pixels[i] = (p & 0xFF000000) | red[(p >> 16) & 0xFF] << 16 | green[(p >> 8) & 0xFF] << 8 | blue[p & 0xFF];
        }
    }

    /** Each channel's histogram spread over the full range (as PIL's ImageOps.equalize, which Thumbor uses). */
    private static void equalize(int[] pixels) {
        int[][] histogram = new int[3][256];
        for (int p : pixels) {
            histogram[0][(p >> 16) & 0xFF]++;
            histogram[1][(p >> 8) & 0xFF]++;
            histogram[2][p & 0xFF]++;
        }
        int[][] tables = new int[3][];
        for (int c = 0; c < 3; c++) {
            tables[c] = equalizeTable(histogram[c], pixels.length);
        }
        levels(pixels, tables[0], tables[1], tables[2]);
    }

    private static int[] equalizeTable(int[] histogram, int total) {
        int[] table = new int[256];
        int last = 255;
        while (last > 0 && histogram[last] == 0) {
            last--;
        }
        int step = (total - histogram[last]) / 255;
        int n = step / 2;
        for (int v = 0; v < 256; v++) {
            table[v] = step == 0 ? v : Math.min(255, n / step);
            n += histogram[v];
        }
        return table;
    }

    static void blur(BufferedImage image, double sigma) {
        int[] pixels = Images.data(image);
        boolean alpha = Images.hasAlpha(image);
        if (alpha) {
            Images.premultiply(pixels);
        }
        int[] blurred = gaussian(pixels, image.getWidth(), image.getHeight(), sigma);
        System.arraycopy(blurred, 0, pixels, 0, pixels.length);
        if (alpha) {
            Images.unpremultiply(pixels);
        }
    }

    private static void sharpen(BufferedImage image, Sharpen sharpen) {
        int[] pixels = Images.data(image);
        int[] blurred = gaussian(pixels, image.getWidth(), image.getHeight(), sharpen.sigma());
        int amount = (int) Math.round(sharpen.amount() * 256);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int q = blurred[i];
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            if (sharpen.luminanceOnly()) {
                int d = (luma(p) - luma(q)) * amount >> 8;
                r += d;
                g += d;
                b += d;
            } else {
                r += (r - ((q >> 16) & 0xFF)) * amount >> 8;
                g += (g - ((q >> 8) & 0xFF)) * amount >> 8;
                b += (b - (q & 0xFF)) * amount >> 8;
            }
            pixels[i] = (p & 0xFF000000) | Images.clamp(r) << 16 | Images.clamp(g) << 8 | Images.clamp(b);
        }
    }

    private static int luma(int p) {
        return (((p >> 16) & 0xFF) * 2126 + ((p >> 8) & 0xFF) * 7152 + (p & 0xFF) * 722) / 10000;
    }

    /**
     * A separable Gaussian: an exact kernel for small sigma, three box passes (within a few percent of a true
     * Gaussian, in time independent of sigma) for large ones.
     */
    static int[] gaussian(int[] pixels, int w, int h, double sigma) {
        int[] rows = sigma <= 3 ? convolveRows(pixels, w, h, kernel(sigma)) : boxes(pixels, w, h, sigma);
        int[] transposed = transpose(rows, w, h);
        int[] cols = sigma <= 3 ? convolveRows(transposed, h, w, kernel(sigma)) : boxes(transposed, h, w, sigma);
        return transpose(cols, h, w);
    }

    private static int[] kernel(double sigma) {
        int radius = (int) Math.ceil(sigma * 3);
        double[] k = new double[radius * 2 + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        int[] fixed = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            fixed[i] = (int) Math.round(k[i] / sum * 65536);
        }
        return fixed;
    }

    private static int[] convolveRows(int[] src, int w, int h, int[] kernel) {
        int radius = kernel.length / 2;
        int[] out = new int[src.length];
        for (int y = 0; y < h; y++) {
            Deadline.check();
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int a = 32768;
                int r = 32768;
                int g = 32768;
                int b = 32768;
                for (int k = -radius; k <= radius; k++) {
                    int p = src[row + Math.min(w - 1, Math.max(0, x + k))];
                    int wt = kernel[k + radius];
                    a += (p >>> 24) * wt;
                    r += ((p >> 16) & 0xFF) * wt;
                    g += ((p >> 8) & 0xFF) * wt;
                    b += (p & 0xFF) * wt;
                }
                out[row + x] = Images.clamp(a >> 16) << 24 | Images.clamp(r >> 16) << 16
                        | Images.clamp(g >> 16) << 8 | Images.clamp(b >> 16);
            }
        }
        return out;
    }

    /** Three running-sum box blurs whose sizes together match a Gaussian of sigma (Kovesi's widths). */
    private static int[] boxes(int[] src, int w, int h, double sigma) {
        int n = 3;
        double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
        int lower = (int) Math.floor(ideal);
        if (lower % 2 == 0) {
            lower--;
        }
        int upper = lower + 2;
        int m = (int) Math.round((12 * sigma * sigma - n * lower * lower - 4 * n * lower - 3 * n) / (-4 * lower - 4));
        int[] out = src;
        for (int i = 0; i < n; i++) {
            out = boxRows(out, w, h, ((i < m ? lower : upper) - 1) / 2);
        }
        return out;
    }

    private static int[] boxRows(int[] src, int w, int h, int radius) {
        int[] out = new int[src.length];
        int size = radius * 2 + 1;
        for (int y = 0; y < h; y++) {
            Deadline.check();
            int row = y * w;
            int a = 0;
            int r = 0;
            int g = 0;
            int b = 0;
            for (int k = -radius; k <= radius; k++) {
                int p = src[row + Math.min(w - 1, Math.max(0, k))];
                a += p >>> 24;
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
            for (int x = 0; x < w; x++) {
                out[row + x] = (a + size / 2) / size << 24 | (r + size / 2) / size << 16
                        | (g + size / 2) / size << 8 | (b + size / 2) / size;
                int add = src[row + Math.min(w - 1, x + radius + 1)];
                int drop = src[row + Math.max(0, x - radius)];
                a += (add >>> 24) - (drop >>> 24);
                r += ((add >> 16) & 0xFF) - ((drop >> 16) & 0xFF);
                g += ((add >> 8) & 0xFF) - ((drop >> 8) & 0xFF);
                b += (add & 0xFF) - (drop & 0xFF);
            }
        }
        return out;
    }

    private static int[] transpose(int[] src, int w, int h) {
        int[] out = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x * h + y] = src[y * w + x];
            }
        }
        return out;
    }
}
