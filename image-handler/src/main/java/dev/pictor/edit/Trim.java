package dev.pictor.edit;

/**
 * Remove a uniform border: pixels within {@code tolerance} (Euclidean RGB distance) of the reference corner's colour.
 */
public record Trim(boolean bottomRight, int tolerance) implements Edit {

    public Trim {
        Checks.inRange("trim tolerance", tolerance, 0, 442);
    }

    @Override
    public String canonical() {
        return "trim(" + (bottomRight ? "bottom-right" : "top-left") + "," + tolerance + ")";
    }
}
