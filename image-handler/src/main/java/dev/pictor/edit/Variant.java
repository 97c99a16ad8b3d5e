package dev.pictor.edit;

/**
 * One size every upload is pre-generated in: the edits (in the query-style vocabulary) and the suffix its file takes,
 * {@code processed/<name>-<suffix>.<ext>}.
 */
public record Variant(String suffix, EditChain chain) {

    public Variant {
        if (!suffix.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("suffix must be 1-40 letters, digits, '-' or '_', got '" + suffix + "'");
        }
    }
}
