package dev.pictor.edit;

/**
 * sharp's modulate, in CIE LCh: lightness times {@code brightness} plus {@code lightness}, chroma times
 * {@code saturation}, hue turned by {@code hue} degrees.
 */
public record Modulate(double brightness, double saturation, double hue, double lightness) implements PixelFilter {

    public Modulate {
        Checks.inRange("modulate brightness", brightness, 0, 100);
        Checks.inRange("modulate saturation", saturation, 0, 100);
        Checks.inRange("modulate hue", hue, -3600, 3600);
        Checks.inRange("modulate lightness", lightness, -100, 100);
    }

    @Override
    public String canonical() {
        return "modulate(" + Checks.format(brightness) + "," + Checks.format(saturation) + "," + Checks.format(hue)
                + "," + Checks.format(lightness) + ")";
    }
}
