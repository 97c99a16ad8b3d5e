package dev.pictor.edit;

/**
 * The edits that change pixels and keep the size (a round crop masks, then the planner crops to the mask's box). The
 * engine renders them in one exhaustive switch: a new filter does not compile until it is rendered.
 */
public sealed interface PixelFilter extends Edit
        permits Grayscale, Blur, Sharpen, Brightness, Contrast, Rgb, Equalize, Saturation, Normalize, Negate, Tint,
                Flatten, Noise, RoundCorner, RoundCrop, Convolve, Modulate, Median, Threshold, Linear, Recomb, Channels,
                Clahe, Colorize, Curve {
}
