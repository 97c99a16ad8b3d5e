package dev.pictor.edit;

/** Add {@code percent} of full scale to every channel (Thumbor's brightness). */
public record Brightness(int percent) implements PixelFilter {

    public Brightness {
        Checks.inRange("brightness", percent, -100, 100);
    }

    @Override
    public String canonical() {
        return "brightness(" + percent + ")";
    }
}
