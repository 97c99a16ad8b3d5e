package dev.pictor.edit;

import java.util.List;

/**
 * Thumbor's curve: tone curves through the given (x, y) points, natural cubic splines between them: one for each of
 * red, green and blue, then one for all three. Points are flattened x0, y0, x1, y1, ... with x strictly increasing.
 */
public record Curve(List<Integer> all, List<Integer> red, List<Integer> green, List<Integer> blue)
        implements PixelFilter {

    public Curve {
        all = check("all", all);
        red = check("red", red);
        green = check("green", green);
        blue = check("blue", blue);
    }

    private static List<Integer> check(String channel, List<Integer> points) {
        if (points.size() < 2 || points.size() % 2 != 0 || points.size() > 512) {
            throw dev.pictor.error.ImageException.invalidParameter("curve " + channel
                    + " needs at least one (x,y) point");
        }
        for (int i = 0; i < points.size(); i++) {
            Checks.inRange("curve " + channel, points.get(i), 0, 255);
            if (i % 2 == 0 && i > 0 && points.get(i) <= points.get(i - 2)) {
                throw dev.pictor.error.ImageException.invalidParameter("curve " + channel
                        + ": the points' x must increase");
            }
        }
        return List.copyOf(points);
    }

    @Override
    public String canonical() {
        return "curve(" + all + "," + red + "," + green + "," + blue + ")";
    }
}
