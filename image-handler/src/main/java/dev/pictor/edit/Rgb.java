package dev.pictor.edit;

/** Shift each channel by a percentage of full scale (Thumbor's rgb). */
public record Rgb(int red, int green, int blue) implements PixelFilter {

    public Rgb {
        Checks.inRange("rgb red", red, -100, 100);
        Checks.inRange("rgb green", green, -100, 100);
        Checks.inRange("rgb blue", blue, -100, 100);
    }

    @Override
    public String canonical() {
        return "rgb(" + red + "," + green + "," + blue + ")";
    }
}
