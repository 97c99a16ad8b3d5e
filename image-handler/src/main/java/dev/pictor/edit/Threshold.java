package dev.pictor.edit;

/** sharp's threshold: 255 where a value is at least {@code level}, else 0; on the grey image unless not {@code grey}. */
public record Threshold(int level, boolean grey) implements PixelFilter {

    public Threshold {
        Checks.inRange("threshold", level, 0, 255);
    }

    @Override
    public String canonical() {
        return "threshold(" + level + (grey ? "" : ",colour") + ")";
    }
}
