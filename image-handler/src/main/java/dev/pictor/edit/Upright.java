package dev.pictor.edit;

/**
 * The pixels upright, without metadata: what every render gives (orientation applied, EXIF and ICC data not
 * carried). Asked for alone (Thumbor's {@code strip_exif()}, SIH's {@code "rotate": null}), it makes a URL that would
 * otherwise be answered with the original's bytes a render, so that a URL that asks for something gets it.
 */
public record Upright() implements Edit {
    @Override
    public String canonical() {
        return "upright";
    }
}
