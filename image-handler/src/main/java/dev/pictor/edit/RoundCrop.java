package dev.pictor.edit;

import java.util.Optional;

/**
 * Keep an ellipse, transparent around it, cropped to the ellipse's box (the Serverless Image Handler's roundCrop).
 * Empty radii are half the shorter side; an empty centre is the image's centre.
 */
public record RoundCrop(Optional<Double> radiusX, Optional<Double> radiusY, Optional<Double> centerX,
                        Optional<Double> centerY) implements PixelFilter {

    public static final RoundCrop CENTERED = new RoundCrop(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public RoundCrop {
        radiusX.ifPresent(r -> Checks.inRange("roundCrop rx", r, 1, 100_000));
        radiusY.ifPresent(r -> Checks.inRange("roundCrop ry", r, 1, 100_000));
        centerX.ifPresent(c -> Checks.inRange("roundCrop left", c, 0, 100_000));
        centerY.ifPresent(c -> Checks.inRange("roundCrop top", c, 0, 100_000));
    }

    /** The ellipse placed in an image of this size, every value present. */
    public RoundCrop resolve(int width, int height) {
        double half = Math.min(width, height) / 2.0;
        return new RoundCrop(Optional.of(radiusX.orElse(half)), Optional.of(radiusY.orElse(half)),
                Optional.of(centerX.orElse(width / 2.0)), Optional.of(centerY.orElse(height / 2.0)));
    }

    @Override
    public String canonical() {
        return "roundcrop(" + text(radiusX) + "," + text(radiusY) + "," + text(centerX) + "," + text(centerY) + ")";
    }

    private static String text(Optional<Double> value) {
        return value.map(Checks::format).orElse("auto");
    }
}
