package dev.pictor.edit;

/** Merge transparency onto an opaque {@code background}: the result has no alpha left (sharp's flatten). */
public record Flatten(Color background) implements PixelFilter {

    public Flatten {
        if (!background.opaque()) {
            background = new Color(background.red(), background.green(), background.blue(), 255);
        }
    }

    @Override
    public String canonical() {
        return "flatten(" + background.canonical() + ")";
    }
}
