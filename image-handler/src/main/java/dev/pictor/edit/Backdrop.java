package dev.pictor.edit;

/** What fills the bars when an image is padded to a box: a colour, the image's median colour, or a blurred copy. */
public sealed interface Backdrop {

    String canonical();

    static Backdrop of(Color color) {
        return new Solid(color);
    }

    record Solid(Color color) implements Backdrop {
        @Override
        public String canonical() {
            return color.canonical();
        }
    }

    /** The median colour of the image, channel by channel (Thumbor's fill(auto)). */
    record Average() implements Backdrop {
        @Override
        public String canonical() {
            return "auto";
        }
    }

    /** The image itself, scaled to cover the box and blurred (Thumbor's fill(blur)). */
    record Blurred() implements Backdrop {
        @Override
        public String canonical() {
            return "blur";
        }
    }
}
