package dev.pictor.edit;

/** sharp's extend: the image on a larger canvas, {@code top}/{@code right}/{@code bottom}/{@code left} pixels more. */
public record Extend(int top, int right, int bottom, int left, Color background) implements Edit {

    public Extend {
        Checks.inRange("extend top", top, 0, 10_000);
        Checks.inRange("extend right", right, 0, 10_000);
        Checks.inRange("extend bottom", bottom, 0, 10_000);
        Checks.inRange("extend left", left, 0, 10_000);
    }

    @Override
    public String canonical() {
        return "extend(" + top + "," + right + "," + bottom + "," + left + "," + background.canonical() + ")";
    }
}
