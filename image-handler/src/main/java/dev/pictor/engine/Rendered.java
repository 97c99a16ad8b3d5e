package dev.pictor.engine;

import dev.pictor.edit.ImageFormat;
import java.util.List;

/**
 * An encoded result, and the windows its pixel-chosen steps (smart crop, subject crop) chose, in the order
 * they ran, each in the pixels of that step's input: what {@code meta} reports of them.
 */
public record Rendered(byte[] bytes, ImageFormat format, int width, int height, List<Window> chosen) {

    public Rendered {
        chosen = List.copyOf(chosen);
    }

    public Rendered(byte[] bytes, ImageFormat format, int width, int height) {
        this(bytes, format, width, height, List.of());
    }

    /** A box a step chose by looking at the pixels. */
    public record Window(int left, int top, int right, int bottom) {
    }
}
