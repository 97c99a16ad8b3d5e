package dev.pictor.engine.java2d;

import dev.pictor.edit.RoundCorner;
import dev.pictor.edit.RoundCrop;
import java.awt.image.BufferedImage;

/** Shapes cut out of an image: rounded corners and an ellipse, with anti-aliased edges. */
final class Masks {

    private Masks() {
    }

    /** Outside an ellipse centred (cx, cy) with radii (rx, ry): transparent, with an anti-aliased edge. */
    static BufferedImage ellipse(BufferedImage image, RoundCrop shape) {
        BufferedImage out = withAlpha(image);
        int[] p = Images.data(out);
        int w = out.getWidth();
        double cx = shape.centerX().orElseThrow();
        double cy = shape.centerY().orElseThrow();
        double rx = shape.radiusX().orElseThrow();
        double ry = shape.radiusY().orElseThrow();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                double coverage = inside(x + 0.5 - cx, y + 0.5 - cy, rx, ry);
                p[y * w + x] = fade(p[y * w + x], coverage);
            }
        }
        return out;
    }

    /** Each corner outside its quarter ellipse of radii (a, b) becomes the colour, or transparent. */
    static BufferedImage roundCorners(BufferedImage image, RoundCorner spec) {
        BufferedImage out = spec.transparent() ? withAlpha(image) : image;
        int[] p = Images.data(out);
        int w = out.getWidth();
        int h = out.getHeight();
        int a = Math.min(spec.a(), w / 2);
        int b = Math.min(spec.b(), h / 2);
        if (a == 0 || b == 0) {
            return out;
        }
        for (int y = 0; y < b; y++) {
            for (int x = 0; x < a; x++) {
                double coverage = inside(x + 0.5 - a, y + 0.5 - b, a, b);
                if (coverage >= 1) {
                    continue;
                }
                for (int[] corner : new int[][] {{x, y}, {w - 1 - x, y}, {x, h - 1 - y}, {w - 1 - x, h - 1 - y}}) {
                    int i = corner[1] * w + corner[0];
                    p[i] = spec.transparent() ? fade(p[i], coverage)
                            : blend(p[i], spec.color().argb(), coverage);
                }
            }
        }
        return out;
    }

    /** How much of the pixel at offset (dx, dy) from the centre lies inside the ellipse, 0 to 1. */
    private static double inside(double dx, double dy, double rx, double ry) {
        double d = Math.sqrt(dx * dx / (rx * rx) + dy * dy / (ry * ry));
        return Math.clamp((1 - d) * Math.min(rx, ry) + 0.5, 0, 1);
    }

    private static BufferedImage withAlpha(BufferedImage image) {
        if (Images.hasAlpha(image)) {
            return image;
        }
        BufferedImage out = Images.create(image.getWidth(), image.getHeight(), true);
        int[] src = Images.data(image);
        int[] dst = Images.data(out);
        for (int i = 0; i < src.length; i++) {
            dst[i] = 0xFF000000 | src[i];
        }
        return out;
    }

    private static int fade(int argb, double coverage) {
        int alpha = (int) Math.round((argb >>> 24) * coverage);
        return alpha << 24 | (argb & 0xFFFFFF);
    }

    /** {@code image} kept for {@code coverage}, {@code color} (opaque) filling the rest. */
    private static int blend(int image, int color, double coverage) {
        int r = (int) Math.round(((image >> 16) & 0xFF) * coverage + ((color >> 16) & 0xFF) * (1 - coverage));
        int g = (int) Math.round(((image >> 8) & 0xFF) * coverage + ((color >> 8) & 0xFF) * (1 - coverage));
        int b = (int) Math.round((image & 0xFF) * coverage + (color & 0xFF) * (1 - coverage));
        int a = (int) Math.round((image >>> 24) * coverage + 255 * (1 - coverage));
        return a << 24 | r << 16 | g << 8 | b;
    }
}
