package dev.pictor.edit;

/** Mirror left to right (sharp's flop). */
public record Flop() implements Edit {
    @Override
    public String canonical() {
        return "flop";
    }
}
