package dev.pictor.plan;

import dev.pictor.edit.Color;
import dev.pictor.edit.ImageFormat;
import java.util.List;
import java.util.Optional;

/**
 * What an engine does to one source: decode at {@code 1/decodeShrink} of its size (1 when the engine or format
 * cannot), run the steps, and write {@code format} at {@code quality}, flattening transparency onto
 * {@code background} when the format has no alpha. {@code width} and {@code height} are the expected result, or -1
 * when they depend on pixels (a trim). With {@code maxBytes}, a lossy format's quality is lowered until the result
 * fits, or is as small as it gets. {@code animated}: run the steps on every frame of an animated source and write
 * them all. {@code peakPixels}: the most pixels an image of the plan holds at once, as far as known before decoding
 * (every frame of an animation); {@code maxPixels}: the bound the plan was made within, which what is planned only
 * once pixels are known (after a trim) is held to as well.
 */
public record Plan(int decodeShrink, List<Step> steps, ImageFormat format, int quality, Color background,
                   int width, int height, Optional<Integer> maxBytes, boolean animated, long peakPixels,
                   long maxPixels) {

    public Plan {
        steps = List.copyOf(steps);
    }
}
