package dev.pictor.edit;

/** Scale the image as it is at this point of the chain by a factor (Thumbor's proportion). */
public record Proportion(double factor) implements Edit {

    public Proportion {
        Checks.inRange("proportion", factor, 0.01, 1);
    }

    @Override
    public String canonical() {
        return "proportion(" + Checks.format(factor) + ")";
    }
}
