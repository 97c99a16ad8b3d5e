package dev.pictor.edit;

import java.util.List;

/**
 * The Serverless Image Handler's contentModeration: blur the image with {@code blur} (sharp's sigma) when a moderation
 * detector (Amazon Rekognition) finds a label at {@code minConfidence} percent or more; with {@code labels}, only when
 * one of those is found.
 */
public record Moderation(double minConfidence, double blur, List<String> labels) implements Edit {

    public Moderation {
        Checks.inRange("contentModeration minConfidence", minConfidence, 0, 100);
        Checks.inRange("contentModeration blur", blur, 0.3, 1000);
        labels = List.copyOf(labels);
    }

    /** The blur as drawn: beyond the filter's largest sigma an image is one colour already. */
    public Blur filter() {
        return new Blur(Math.min(Math.ceil(blur), Blur.MAX_SIGMA));
    }

    @Override
    public String canonical() {
        return "moderate(" + Checks.format(minConfidence) + "," + Checks.format(blur) + ","
                + String.join(";", labels) + ")";
    }
}
