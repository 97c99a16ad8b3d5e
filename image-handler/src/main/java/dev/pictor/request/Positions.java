package dev.pictor.request;

import dev.pictor.edit.Gravity;
import dev.pictor.error.ImageException;
import java.util.Locale;
import java.util.Map;

/** sharp's gravities and strategies, by name or number, as the Serverless Image Handler passes them on. */
final class Positions {

    private static final Map<String, Gravity> POSITIONS = Map.ofEntries(
            Map.entry("centre", Gravity.CENTER), Map.entry("center", Gravity.CENTER),
            Map.entry("north", new Gravity(0.5, 0, false)), Map.entry("top", new Gravity(0.5, 0, false)),
            Map.entry("northeast", new Gravity(1, 0, false)), Map.entry("right top", new Gravity(1, 0, false)),
            Map.entry("east", new Gravity(1, 0.5, false)), Map.entry("right", new Gravity(1, 0.5, false)),
            Map.entry("southeast", new Gravity(1, 1, false)), Map.entry("right bottom", new Gravity(1, 1, false)),
            Map.entry("south", new Gravity(0.5, 1, false)), Map.entry("bottom", new Gravity(0.5, 1, false)),
            Map.entry("southwest", new Gravity(0, 1, false)), Map.entry("left bottom", new Gravity(0, 1, false)),
            Map.entry("west", new Gravity(0, 0.5, false)), Map.entry("left", new Gravity(0, 0.5, false)),
            Map.entry("northwest", new Gravity(0, 0, false)), Map.entry("left top", new Gravity(0, 0, false)),
            Map.entry("entropy", Gravity.SMART), Map.entry("attention", Gravity.SMART),
            Map.entry("smart", Gravity.SMART));
    /** sharp's numeric gravity and strategy constants. */
    private static final Map<Integer, String> POSITION_NUMBERS = Map.of(0, "centre", 1, "north", 2, "east",
            3, "northeast", 4, "south", 6, "southeast", 8, "west", 9, "northwest", 12, "southwest", 16, "entropy");

    private Positions() {
    }

    /** A name (centre, north, right top, ..., entropy, attention; the strategies are our smart crop). */
    static Gravity parse(String parameter, String text) {
        Gravity gravity = POSITIONS.get(text.trim().toLowerCase(Locale.ROOT));
        if (gravity == null) {
            throw ImageException.invalidParameter(parameter + " must be a sharp gravity (centre, north, northeast,"
                    + " ..., left top) or strategy (entropy, attention, smart), got '" + text + "'");
        }
        return gravity;
    }

    /** sharp's numeric constants: gravity.* and strategy.* (16 entropy, 17 attention). */
    static Gravity parse(String parameter, int number) {
        return parse(parameter, number == 17 ? "attention" : POSITION_NUMBERS.getOrDefault(number, "#" + number));
    }
}
