package dev.pictor.edit;

import java.util.OptionalInt;

/**
 * Crop to the box around the image's subject, widened by {@code padding} pixels on each side: the Serverless Image
 * Handler's smartCrop. With {@code face} the box is that face's (0 the most confident), as a face detector (Amazon
 * Rekognition) finds it, the whole image when it finds none; without, the subject found by saliency.
 */
public record SubjectCrop(int padding, OptionalInt face) implements Edit {

    public SubjectCrop(int padding) {
        this(padding, OptionalInt.empty());
    }

    public SubjectCrop {
        Checks.inRange("smartCrop padding", padding, 0, 10_000);
        face.ifPresent(index -> Checks.inRange("smartCrop faceIndex", index, 0, 99));
    }

    @Override
    public String canonical() {
        return face.isPresent() ? "face(" + face.getAsInt() + "," + padding + ")" : "subject(" + padding + ")";
    }
}
