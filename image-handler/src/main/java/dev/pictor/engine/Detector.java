package dev.pictor.engine;

import java.util.List;

/**
 * What a vision service finds in an image (Amazon Rekognition, for the Serverless Image Handler's smartCrop and
 * contentModeration). Given JPEG bytes of the image as it is at that point of the chain.
 */
public interface Detector {

    /** The faces, most confident first, as fractions of the image's size (which may reach past its edges). */
    List<Box> faces(byte[] jpeg);

    /** The names of the moderation labels found with at least {@code minConfidence} percent. */
    List<String> moderationLabels(byte[] jpeg, double minConfidence);

    record Box(double left, double top, double width, double height) {
    }
}
