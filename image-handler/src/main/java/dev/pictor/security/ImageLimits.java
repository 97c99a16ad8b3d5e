package dev.pictor.security;

import dev.pictor.config.Config;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;

/**
 * Every bound on what a request may make the service hold, in one place (the bucket allow list is
 * {@link SourcePolicy}, the signature {@link SignaturePolicy}, the pixel budget {@code engine.PixelBudget}): the bytes
 * of a source, its pixels read from its header (every frame of an animation), the size of the images laid over it,
 * and the largest image any step of a plan may make. Each is checked before the pixels it guards are decoded.
 */
public record ImageLimits(long maxSourceBytes, long maxSourcePixels, int maxOutputWidth, int maxOutputHeight) {

    public static ImageLimits from(Config config) {
        return new ImageLimits(config.maxSourceBytes(), config.maxSourcePixels(), config.maxOutputWidth(),
                config.maxOutputHeight());
    }

    /**
     * The most pixels any image of a plan may hold, every frame of an animation together: the larger of what may be
     * decoded and what a URL may ask for. A chain of turns, or a ratio, cannot plan past it.
     */
    public long maxPlannedPixels() {
        return Math.max(maxSourcePixels, (long) maxOutputWidth * maxOutputHeight);
    }

    /** A file to read or to store, by its size. */
    public void checkBytes(long bytes) {
        if (bytes > maxSourceBytes) {
            throw ImageException.tooLarge("SourceTooLarge", "the source image is " + bytes
                    + " bytes, over the limit of " + maxSourceBytes);
        }
    }

    /** One frame of a source, from its header. */
    public SourceInfo checkSource(SourceInfo info) {
        if (info.pixels() > maxSourcePixels) {
            throw ImageException.tooLarge("SourceTooManyPixels", "the source image is " + info.width() + "x"
                    + info.height() + ", over the limit of " + maxSourcePixels + " pixels");
        }
        return info;
    }

    /** The frames of an animation that will all be decoded. */
    public void checkFrames(SourceInfo info, long frames) {
        if (info.pixels() * frames > maxSourcePixels) {
            throw ImageException.tooLarge("SourceTooManyPixels", "the animation's " + frames + " frames of "
                    + info.width() + "x" + info.height() + " are over the limit of " + maxSourcePixels
                    + " pixels; filters:animated(false) takes the first frame");
        }
    }

    /** A watermark or frame image: decoded whole, so no larger than an output may be. */
    public void checkOverlay(String key, SourceInfo info) {
        if (info.width() > maxOutputWidth || info.height() > maxOutputHeight) {
            throw ImageException.tooLarge("OverlayTooLarge", "the overlay image " + key + " is " + info.width() + "x"
                    + info.height() + ", larger than an output may be (" + maxOutputWidth + "x" + maxOutputHeight
                    + ")");
        }
    }
}
