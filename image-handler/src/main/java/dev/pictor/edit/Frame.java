package dev.pictor.edit;

/**
 * Put the image in a frame drawn as an Android-style nine-patch PNG from the request's bucket (Thumbor's frame):
 * black guides in the frame's one-pixel border mark what stretches (top, left) and where the image goes (bottom,
 * right); the image is padded to fit and the stretched frame laid over it.
 */
public record Frame(String key) implements Edit {

    public Frame {
        if (key == null || key.isBlank()) {
            throw dev.pictor.error.ImageException.invalidParameter("frame image must be named");
        }
    }

    @Override
    public String canonical() {
        return "frame(" + key + ")";
    }
}
