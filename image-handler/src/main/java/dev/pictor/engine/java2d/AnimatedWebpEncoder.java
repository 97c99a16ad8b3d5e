package dev.pictor.engine.java2d;

import java.awt.image.BufferedImage;
import java.util.List;

/** Writes animated WebP (libvips); without one, animations are written as GIF only. */
public interface AnimatedWebpEncoder {

    /**
     * @param frames whole frames of one size, in the working form
     * @param delays how long each frame shows, in milliseconds
     * @param loops  how many times to play, 0 for ever
     */
    byte[] encodeAnimatedWebp(List<BufferedImage> frames, int[] delays, int loops, int quality);
}
