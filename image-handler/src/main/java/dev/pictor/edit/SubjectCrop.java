package dev.pictor.edit;

/**
 * Crop to the box around the image's subject, found by saliency, widened by {@code padding} pixels on each side.
 * Stands in for the Serverless Image Handler's smartCrop, which asks Amazon Rekognition for a face's box.
 */
public record SubjectCrop(int padding) implements Edit {

    public SubjectCrop {
        Checks.inRange("smartCrop padding", padding, 0, 10_000);
    }

    @Override
    public String canonical() {
        return "subject(" + padding + ")";
    }
}
