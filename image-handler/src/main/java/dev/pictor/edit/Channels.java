package dev.pictor.edit;

/**
 * sharp's channel operations: {@code removeAlpha}, {@code ensureAlpha(alpha)}, {@code extractChannel(channel)} (0
 * red to 3 alpha, as grey), {@code unflatten} (white made transparent), {@code bandbool} (the colour channels joined
 * bitwise, as grey).
 */
public record Channels(Operation operation, double value) implements PixelFilter {

    public enum Operation { REMOVE_ALPHA, ENSURE_ALPHA, EXTRACT, UNFLATTEN, AND, OR, EOR }

    public Channels {
        if (operation == Operation.ENSURE_ALPHA) {
            Checks.inRange("ensureAlpha", value, 0, 1);
        }
        if (operation == Operation.EXTRACT) {
            Checks.inRange("extractChannel", (int) value, 0, 3);
        }
    }

    @Override
    public String canonical() {
        return "channels(" + operation.name().toLowerCase(java.util.Locale.ROOT) + "," + Checks.format(value) + ")";
    }
}
