package dev.pictor.request;

/** The bounds a URL's numbers are checked against while parsing. */
public record Limits(int maxWidth, int maxHeight) {
}
