package dev.pictor.edit;

/** Mirror top to bottom (sharp's flip). */
public record Flip() implements Edit {
    @Override
    public String canonical() {
        return "flip";
    }
}
