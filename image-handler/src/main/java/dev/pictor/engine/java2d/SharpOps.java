package dev.pictor.engine.java2d;

import dev.pictor.edit.Channels;
import dev.pictor.edit.Linear;
import dev.pictor.edit.Median;
import dev.pictor.edit.Modulate;
import dev.pictor.edit.Recomb;
import dev.pictor.edit.Threshold;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * sharp's operations that the Serverless Image Handler passes through, drawn as sharp draws them (libvips on 8-bit
 * sRGB), checked against sharp's own output in the render table.
 */
final class SharpOps {

    private SharpOps() {
    }

    /** libvips' b-w: Rec. 709 luminance in linear light, encoded back to sRGB. */
    private static int grey(int p) {
        double y = 0.2126 * linear((p >> 16) & 0xFF) + 0.7152 * linear((p >> 8) & 0xFF) + 0.0722 * linear(p & 0xFF);
        return encoded(y);
    }

    static void threshold(int[] pixels, Threshold t) {
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            if (t.grey()) {
                int v = grey(p) >= t.level() ? 255 : 0;
                pixels[i] = (p & 0xFF000000) | v << 16 | v << 8 | v;
            } else {
                int r = ((p >> 16) & 0xFF) >= t.level() ? 255 : 0;
                int g = ((p >> 8) & 0xFF) >= t.level() ? 255 : 0;
                int b = (p & 0xFF) >= t.level() ? 255 : 0;
                pixels[i] = (p & 0xFF000000) | r << 16 | g << 8 | b;
            }
        }
    }

    /** a * value + b per colour channel (the alpha too when a fourth pair is given). */
    static void linear(int[] pixels, Linear l) {
        int[][] tables = new int[4][256];
        for (int c = 0; c < 4; c++) {
            int k = Math.min(c, l.a().size() - 1);
            boolean identity = c == 3 && l.a().size() < 4;
            for (int v = 0; v < 256; v++) {
                tables[c][v] = identity ? v : Images.clamp((int) Math.round(l.a().get(k) * v + l.b().get(k)));
            }
        }
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            pixels[i] = tables[3][p >>> 24] << 24 | tables[0][(p >> 16) & 0xFF] << 16
                    | tables[1][(p >> 8) & 0xFF] << 8 | tables[2][p & 0xFF];
        }
    }

    static void recomb(int[] pixels, Recomb r) {
        double[] m = r.matrix().stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int red = (p >> 16) & 0xFF;
            int green = (p >> 8) & 0xFF;
            int blue = p & 0xFF;
            int nr = Images.clamp((int) Math.round(m[0] * red + m[1] * green + m[2] * blue));
            int ng = Images.clamp((int) Math.round(m[3] * red + m[4] * green + m[5] * blue));
            int nb = Images.clamp((int) Math.round(m[6] * red + m[7] * green + m[8] * blue));
            pixels[i] = (p & 0xFF000000) | nr << 16 | ng << 8 | nb;
        }
    }

    /** Each channel's median over the square around each pixel; edges repeat the nearest pixel, as libvips pads. */
    static BufferedImage median(BufferedImage image, Median m) {
        if (m.size() < 2) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = Images.data(image);
        BufferedImage result = Images.create(w, h, Images.hasAlpha(image));
        int[] out = Images.data(result);
        int half = m.size() / 2;
        int n = m.size() * m.size();
        int[][] window = new int[4][n];
        for (int y = 0; y < h; y++) {
            Deadline.check();
            for (int x = 0; x < w; x++) {
                int k = 0;
                for (int dy = -half; dy < m.size() - half; dy++) {
                    int row = Math.clamp(y + dy, 0, h - 1) * w;
                    for (int dx = -half; dx < m.size() - half; dx++) {
                        int p = in[row + Math.clamp(x + dx, 0, w - 1)];
                        window[0][k] = p >>> 24;
                        window[1][k] = (p >> 16) & 0xFF;
                        window[2][k] = (p >> 8) & 0xFF;
                        window[3][k] = p & 0xFF;
                        k++;
                    }
                }
                int value = 0;
                for (int c = 0; c < 4; c++) {
                    Arrays.sort(window[c]);
                    value = value << 8 | window[c][n / 2];
                }
                out[y * w + x] = value;
            }
        }
        return result;
    }

    static BufferedImage channels(BufferedImage image, Channels op) {
        int[] pixels = Images.data(image);
        boolean alpha = Images.hasAlpha(image);
        switch (op.operation()) {
            case REMOVE_ALPHA -> {
                BufferedImage opaque = Images.create(image.getWidth(), image.getHeight(), false);
                int[] out = Images.data(opaque);
                for (int i = 0; i < pixels.length; i++) {
                    out[i] = pixels[i] & 0xFFFFFF;
                }
                return opaque;
            }
            case ENSURE_ALPHA, UNFLATTEN -> {
                BufferedImage result = alpha ? image : Images.create(image.getWidth(), image.getHeight(), true);
                int[] out = Images.data(result);
                int opacity = (int) Math.round(op.value() * 255);
                for (int i = 0; i < pixels.length; i++) {
                    int p = pixels[i];
                    int a = alpha ? p >>> 24 : op.operation() == Channels.Operation.ENSURE_ALPHA ? opacity : 255;
                    if (op.operation() == Channels.Operation.UNFLATTEN && (p & 0xFFFFFF) == 0xFFFFFF) {
                        a = 0;
                    }
                    out[i] = a << 24 | (p & 0xFFFFFF);
                }
                return result;
            }
            case EXTRACT -> {
                int shift = switch ((int) op.value()) {
                    case 0 -> 16;
                    case 1 -> 8;
                    case 2 -> 0;
                    default -> 24;
                };
                BufferedImage grey = Images.create(image.getWidth(), image.getHeight(), false);
                int[] out = Images.data(grey);
                for (int i = 0; i < pixels.length; i++) {
                    int v = shift == 24 && !alpha ? 255 : (pixels[i] >>> shift) & 0xFF;
                    out[i] = v << 16 | v << 8 | v;
                }
                return grey;
            }
            case AND, OR, EOR -> {
                BufferedImage grey = Images.create(image.getWidth(), image.getHeight(), false);
                int[] out = Images.data(grey);
                for (int i = 0; i < pixels.length; i++) {
                    int p = pixels[i];
                    int r = (p >> 16) & 0xFF;
                    int g = (p >> 8) & 0xFF;
                    int b = p & 0xFF;
                    int v = switch (op.operation()) {
                        case AND -> r & g & b;
                        case OR -> r | g | b;
                        default -> r ^ g ^ b;
                    };
                    out[i] = v << 16 | v << 8 | v;
                }
                return grey;
            }
        }
        throw new IllegalStateException(op.toString());
    }

    /**
     * Local histogram equalisation, as libvips' hist_local: each value becomes 255 times its rank in the window around
     * it (mirrored past the edges), a bin counting at most {@code maxSlope} with the excess spread over all bins.
     */
    static BufferedImage clahe(BufferedImage image, dev.pictor.edit.Clahe c) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (c.width() > w || c.height() > h) {
            throw dev.pictor.error.ImageException.invalidParameter("clahe window " + c.width() + "x" + c.height()
                    + " is larger than the image, " + w + "x" + h);
        }
        int[] in = Images.data(image);
        BufferedImage result = Images.create(w, h, Images.hasAlpha(image));
        int[] out = Images.data(result);
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] & 0xFF000000;
        }
        int area = c.width() * c.height();
        int left = c.width() / 2;
        int up = c.height() / 2;
        int[] hist = new int[256];
        for (int shift = 16; shift >= 0; shift -= 8) {
            for (int y = 0; y < h; y++) {
                Deadline.check();
                java.util.Arrays.fill(hist, 0);
                for (int j = 0; j < c.height(); j++) {
                    int row = mirror(y - up + j, h) * w;
                    for (int i = 0; i < c.width(); i++) {
                        hist[(in[row + mirror(i - left, w)] >> shift) & 0xFF]++;
                    }
                }
                for (int x = 0; x < w; x++) {
                    int target = (in[y * w + x] >> shift) & 0xFF;
                    int sum = 0;
                    if (c.maxSlope() > 0) {
                        int over = 0;
                        for (int v = 0; v < 256; v++) {
                            int count = hist[v];
                            if (count > c.maxSlope()) {
                                over += count - c.maxSlope();
                                count = c.maxSlope();
                            }
                            if (v <= target) {
                                sum += count;
                            }
                        }
                        sum += (target + 1) * over / 256;
                    } else {
                        for (int v = 0; v <= target; v++) {
                            sum += hist[v];
                        }
                    }
                    out[y * w + x] |= Math.min(255, 255 * sum / area) << shift;
                    for (int j = 0; j < c.height(); j++) {
                        int row = mirror(y - up + j, h) * w;
                        hist[(in[row + mirror(x - left, w)] >> shift) & 0xFF]--;
                        hist[(in[row + mirror(x - left + c.width(), w)] >> shift) & 0xFF]++;
                    }
                }
            }
        }
        return result;
    }

    /** An index past an edge, reflected back in: -1 is 0, n is n - 1. */
    private static int mirror(int i, int n) {
        int period = 2 * n;
        int k = Math.floorMod(i, period);
        return k < n ? k : period - 1 - k;
    }

    /** In CIE LCh (D65), as libvips: L times brightness plus lightness, C times saturation, h plus hue. */
    static void modulate(int[] pixels, Modulate m) {
        double[] lab = new double[3];
        for (int i = 0; i < pixels.length; i++) {
            if ((i & 0xFFFF) == 0) {
                Deadline.check();
            }
            int p = pixels[i];
            toLab((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, lab);
            double l = lab[0] * m.brightness() + m.lightness();
            double c = Math.hypot(lab[1], lab[2]) * m.saturation();
            double hue = Math.atan2(lab[2], lab[1]) + Math.toRadians(m.hue());
            pixels[i] = (p & 0xFF000000) | fromLab(l, c * Math.cos(hue), c * Math.sin(hue));
        }
    }

    private static final double XN = 0.950470;
    private static final double ZN = 1.088830;

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int encoded(double c) {
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(Math.max(c, 0), 1 / 2.4) - 0.055;
        return Images.clamp((int) Math.round(v * 255));
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double inverse(double t) {
        return t > 6.0 / 29 ? t * t * t : (116 * t - 16) * 27 / 24389;
    }

    private static void toLab(int r, int g, int b, double[] lab) {
        double lr = linear(r);
        double lg = linear(g);
        double lb = linear(b);
        double x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / XN;
        double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
        double z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / ZN;
        double fy = f(y);
        lab[0] = 116 * fy - 16;
        lab[1] = 500 * (f(x) - fy);
        lab[2] = 200 * (fy - f(z));
    }

    private static int fromLab(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double x = inverse(fy + a / 500) * XN;
        double y = inverse(fy);
        double z = inverse(fy - b / 200) * ZN;
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return encoded(r) << 16 | encoded(g) << 8 | encoded(bl);
    }
}
