package dev.pictor.request;

import dev.pictor.config.Config;

/** The bounds a URL's numbers are checked against while parsing. */
public record Limits(int maxWidth, int maxHeight) {

    public static Limits from(Config config) {
        return new Limits(config.maxOutputWidth(), config.maxOutputHeight());
    }
}
