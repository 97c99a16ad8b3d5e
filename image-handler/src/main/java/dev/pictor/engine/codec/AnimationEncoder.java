package dev.pictor.engine.codec;

import dev.pictor.edit.ImageFormat;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Writes animations in formats the JDK cannot (libvips: animated WebP); GIF animations are the JDK writer's.
 */
public interface AnimationEncoder {

    /** The formats it writes animations in. */
    boolean canAnimate(ImageFormat format);

    /**
     * @param frames whole frames of one size, in the working form
     * @param delays how long each frame shows, in milliseconds
     * @param loops  how many times to play, 0 for ever
     */
    byte[] encodeAnimation(ImageFormat format, List<BufferedImage> frames, int[] delays, int loops, int quality);
}
