package dev.pictor.plan;

import dev.pictor.edit.Backdrop;
import dev.pictor.edit.Color;
import dev.pictor.edit.Edit;
import dev.pictor.edit.Frame;
import dev.pictor.edit.Trim;
import dev.pictor.edit.Watermark;
import java.util.List;

/**
 * One pixel operation with its geometry resolved to exact pixels of the image at that point. Engines execute
 * these; they never see URLs or fits.
 */
public sealed interface Step {

    /** Apply an EXIF orientation (2 to 8) so that the image is upright. */
    record Orient(int orientation) implements Step {
    }

    /** Keep the rectangle at (x, y) of w by h. */
    record Region(int x, int y, int width, int height) implements Step {
    }

    /** Keep a w by h window where the content is most interesting. */
    record SmartRegion(int width, int height) implements Step {
    }

    /** Resample to exactly w by h. */
    record Scale(int width, int height) implements Step {
    }

    /** Place the image at (x, y) on a w by h canvas filled with the backdrop. */
    record Embed(int width, int height, int x, int y, Backdrop backdrop) implements Step {
    }

    /** Mirror left to right (horizontal) or top to bottom. */
    record Mirror(boolean horizontal) implements Step {
    }

    /** Turn clockwise; corners of a non-right angle are filled with the background. */
    record Turn(double degrees, Color background) implements Step {
    }

    /** Remove a uniform border: the size after it depends on the pixels, so planning goes on after it runs. */
    record TrimBorder(Trim trim) implements Step {
    }

    /** Keep the box around the subject, or around a face a detector finds: like a trim, its size depends on the pixels. */
    record Subject(int padding, java.util.OptionalInt face) implements Step {
    }

    /** Move every pixel by the matrix {@code [[a, b], [c, d]]} onto a w by h canvas, shifted by (x, y). */
    record Transform(double a, double b, double c, double d, double x, double y, int width, int height,
                     dev.pictor.edit.Color background) implements Step {
    }

    /** Blur the image if a moderation detector finds what the edit names in it. */
    record Moderate(dev.pictor.edit.Moderation moderation) implements Step {
    }

    /** Pad the image and lay a nine-patch frame over it: the padding comes from the frame image's guides. */
    record Framed(Frame frame) implements Step {
    }

    /** Edits planned only once the image size is known again (after a trim). */
    record Deferred(List<Edit> edits) implements Step {
        public Deferred {
            edits = List.copyOf(edits);
        }
    }

    /** A per-pixel or neighbourhood filter that keeps the size: grayscale, blur, sharpen, levels, equalize. */
    record Filter(dev.pictor.edit.PixelFilter filter) implements Step {
    }

    /** Lay a watermark over the image. */
    record Overlay(Watermark watermark) implements Step {
    }
}
