package dev.pictor.engine;

import dev.pictor.edit.ImageFormat;

/** An encoded result. */
public record Rendered(byte[] bytes, ImageFormat format, int width, int height) {
}
