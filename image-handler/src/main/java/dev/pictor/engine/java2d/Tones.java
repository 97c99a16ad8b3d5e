package dev.pictor.engine.java2d;

import dev.pictor.edit.Color;
import dev.pictor.edit.Convolve;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Per-pixel tone filters and free convolution: sharp's normalise, negate and tint, Thumbor's noise and convolution. */
final class Tones {

    private Tones() {
    }

    /** Luminance stretched so that its 1st percentile maps to 0 and its 99th to 255; chroma scaled along. */
    static void normalize(int[] pixels) {
        int[] histogram = new int[256];
        for (int p : pixels) {
            histogram[luma(p)]++;
        }
        int low = percentile(histogram, pixels.length / 100);
        int high = 255 - percentile(reversed(histogram), pixels.length / 100);
        if (high <= low) {
            return;
        }
        double gain = 255.0 / (high - low);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int r = (int) Math.round((((p >> 16) & 0xFF) - low) * gain);
            int g = (int) Math.round((((p >> 8) & 0xFF) - low) * gain);
            int b = (int) Math.round(((p & 0xFF) - low) * gain);
            pixels[i] = (p & 0xFF000000) | Images.clamp(r) << 16 | Images.clamp(g) << 8 | Images.clamp(b);
        }
    }

    private static int percentile(int[] histogram, int count) {
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen > count) {
                return v;
            }
        }
        return 255;
    }

    private static int[] reversed(int[] histogram) {
        int[] out = new int[256];
        for (int v = 0; v < 256; v++) {
            out[v] = histogram[255 - v];
        }
        return out;
    }

    static void negate(int[] pixels) {
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] ^= 0x00FFFFFF;
        }
    }

    /** Each pixel keeps its luma (BT.601 YCbCr) and takes the tint's chroma. */
    static void tint(int[] pixels, Color tint) {
        double cb = -0.168736 * tint.red() - 0.331264 * tint.green() + 0.5 * tint.blue();
        double cr = 0.5 * tint.red() - 0.418688 * tint.green() - 0.081312 * tint.blue();
        int dr = (int) Math.round(1.402 * cr);
        int dg = (int) Math.round(-0.344136 * cb - 0.714136 * cr);
        int db = (int) Math.round(1.772 * cb);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int y = (((p >> 16) & 0xFF) * 299 + ((p >> 8) & 0xFF) * 587 + (p & 0xFF) * 114 + 500) / 1000;
            pixels[i] = (p & 0xFF000000) | Images.clamp(y + dr) << 16 | Images.clamp(y + dg) << 8
                    | Images.clamp(y + db);
        }
    }

    /** Uniform noise of up to amount% of the range per channel, from a seed fixed by the size: same URL, same bytes. */
    static void noise(int[] pixels, int width, int height, int amount) {
        int spread = (int) Math.round(255 * amount / 100.0);
        if (spread == 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(31L * width + height);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int r = ((p >> 16) & 0xFF) + random.nextInt(-spread, spread + 1);
            int g = ((p >> 8) & 0xFF) + random.nextInt(-spread, spread + 1);
            int b = (p & 0xFF) + random.nextInt(-spread, spread + 1);
            pixels[i] = (p & 0xFF000000) | Images.clamp(r) << 16 | Images.clamp(g) << 8 | Images.clamp(b);
        }
    }

    /** The kernel applied to the colour channels, edges extended; alpha kept. */
    static void convolve(BufferedImage image, Convolve spec) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = Images.data(image);
        int[] src = pixels.clone();
        int cols = spec.columns();
        int rows = spec.rows();
        double[] k = spec.kernel().stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < k.length; i++) {
            k[i] /= spec.scale();
        }
        int cx = cols / 2;
        int cy = rows / 2;
        for (int y = 0; y < h; y++) {
            Deadline.check();
            for (int x = 0; x < w; x++) {
                double r = spec.offset();
                double g = spec.offset();
                double b = spec.offset();
                for (int j = 0; j < rows; j++) {
                    int row = Math.clamp(y + j - cy, 0, h - 1) * w;
                    for (int i = 0; i < cols; i++) {
                        int p = src[row + Math.clamp(x + i - cx, 0, w - 1)];
                        double wt = k[j * cols + i];
                        r += ((p >> 16) & 0xFF) * wt;
                        g += ((p >> 8) & 0xFF) * wt;
                        b += (p & 0xFF) * wt;
                    }
                }
                pixels[y * w + x] = (src[y * w + x] & 0xFF000000) | Images.clamp((int) Math.round(r)) << 16
                        | Images.clamp((int) Math.round(g)) << 8 | Images.clamp((int) Math.round(b));
            }
        }
    }

    private static int luma(int p) {
        return (((p >> 16) & 0xFF) * 2126 + ((p >> 8) & 0xFF) * 7152 + (p & 0xFF) * 722) / 10000;
    }
}
