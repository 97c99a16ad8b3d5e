package dev.pictor.engine.java2d;

import dev.pictor.edit.Moderation;
import dev.pictor.engine.Detector;
import dev.pictor.error.ImageException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The Serverless Image Handler's Rekognition edits, as it computes them: the face box clamped to the image, widened by
 * the padding and clamped again (its getCropArea); a blur when any label, or any of the named ones, is found.
 */
final class Faces {

    /** Rekognition takes at most 5 MB of image bytes; a preview this size is far below it and finds the same faces. */
    private static final int MAX_SIDE = 1920;

    private Faces() {
    }

    static Rectangle crop(Detector detector, BufferedImage image, int index, int padding) {
        List<Detector.Box> faces = detector.faces(jpeg(image));
        int w = image.getWidth();
        int h = image.getHeight();
        if (faces.isEmpty()) {
            return new Rectangle(0, 0, w, h);
        }
        if (index >= faces.size()) {
            throw ImageException.invalidParameter("smartCrop faceIndex " + index + " is past the " + faces.size()
                    + " face" + (faces.size() == 1 ? "" : "s") + " found (the first is 0)");
        }
        Detector.Box face = faces.get(index);
        double left = unit(face.left());
        double top = unit(face.top());
        double width = Math.min(unit(face.width()), 1 - left);
        double height = Math.min(unit(face.height()), 1 - top);
        int x = (int) Math.max(0, Math.floor(left * w - padding));
        int y = (int) Math.max(0, Math.floor(top * h - padding));
        int cropWidth = (int) Math.min(Math.floor(width * w + 2.0 * padding), w - x);
        int cropHeight = (int) Math.min(Math.floor(height * h + 2.0 * padding), h - y);
        return new Rectangle(x, y, Math.max(1, cropWidth), Math.max(1, cropHeight));
    }

    static BufferedImage moderate(Detector detector, BufferedImage image, Moderation moderation) {
        List<String> found = detector.moderationLabels(jpeg(image), moderation.minConfidence());
        boolean blur = moderation.labels().isEmpty() ? !found.isEmpty()
                : found.stream().anyMatch(moderation.labels()::contains);
        return blur ? Filters.apply(image, moderation.filter()) : image;
    }

    private static double unit(double value) {
        return Math.clamp(value, 0, 1);
    }

    /** The image as the detector is sent it: JPEG, at most {@link #MAX_SIDE} pixels a side. */
    private static byte[] jpeg(BufferedImage image) {
        double scale = Math.min(1, MAX_SIDE / (double) Math.max(image.getWidth(), image.getHeight()));
        BufferedImage preview = scale < 1 ? Resampler.scale(image, Math.max(1, (int) (image.getWidth() * scale)),
                Math.max(1, (int) (image.getHeight() * scale))) : image;
        BufferedImage opaque = Encoder.flatten(preview, dev.pictor.edit.Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(opaque, "jpeg", out);
        } catch (IOException e) {
            throw ImageException.internal("could not encode the image for the detector", e);
        }
        return out.toByteArray();
    }
}
