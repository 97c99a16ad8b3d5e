package dev.pictor.edit;

/** A requested width or height: a number of pixels, the source's own size, or whatever keeps the aspect ratio. */
public sealed interface Extent {

    Extent AUTO = new Auto();
    Extent SOURCE = new Source();

    static Extent pixels(int value) {
        return new Pixels(value);
    }

    String canonical();

    /** Derived from the other side so that the aspect ratio is kept. */
    record Auto() implements Extent {
        @Override
        public String canonical() {
            return "auto";
        }
    }

    /** The source's size on this side (Thumbor's {@code orig}). */
    record Source() implements Extent {
        @Override
        public String canonical() {
            return "orig";
        }
    }

    record Pixels(int value) implements Extent {
        public Pixels {
            if (value < 1) {
                throw new IllegalArgumentException("pixels must be positive: " + value);
            }
        }

        @Override
        public String canonical() {
            return Integer.toString(value);
        }
    }
}
