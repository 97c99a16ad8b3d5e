package dev.pictor.edit;

/**
 * Thumbor's colorize: each channel blended towards the fill colour's by its own percentage (0 unchanged, 100 the fill).
 */
public record Colorize(int redPercent, int greenPercent, int bluePercent, Color fill) implements PixelFilter {

    public Colorize {
        Checks.inRange("colorize red", redPercent, 0, 1000);
        Checks.inRange("colorize green", greenPercent, 0, 1000);
        Checks.inRange("colorize blue", bluePercent, 0, 1000);
    }

    @Override
    public String canonical() {
        return "colorize(" + redPercent + "," + greenPercent + "," + bluePercent + "," + fill.canonical() + ")";
    }
}
