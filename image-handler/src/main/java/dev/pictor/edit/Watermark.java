package dev.pictor.edit;

import java.util.Optional;

/**
 * Lay another image of the same store over this one. {@code transparency} is Thumbor's alpha: 0 opaque, 100
 * invisible. An empty bucket is the request's own. The ratios cap the mark's size as a percentage of the image's
 * width and height, keeping its aspect.
 */
public record Watermark(Optional<String> bucket, String key, Placement x, Placement y, int transparency,
                        Optional<Double> widthRatio, Optional<Double> heightRatio) implements Edit {

    public Watermark {
        if (key == null || key.isBlank()) {
            throw dev.pictor.error.ImageException.invalidParameter("watermark image must be named");
        }
        Checks.inRange("watermark alpha", transparency, 0, 100);
        widthRatio.ifPresent(r -> Checks.inRange("watermark w_ratio", r, 1, 100));
        heightRatio.ifPresent(r -> Checks.inRange("watermark h_ratio", r, 1, 100));
    }

    /** Names the mark's image among those loaded for a request: its bucket, when it names one, and its key. */
    public String sourceId() {
        return bucket.map(b -> b + "/").orElse("") + key;
    }

    @Override
    public String canonical() {
        return "watermark(" + bucket.map(b -> b + ":").orElse("") + key + "," + x.canonical() + "," + y.canonical()
                + "," + transparency + ","
                + widthRatio.map(Checks::format).orElse("none") + ","
                + heightRatio.map(Checks::format).orElse("none") + ")";
    }
}
