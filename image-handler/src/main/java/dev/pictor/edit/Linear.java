package dev.pictor.edit;

import java.util.List;

/** sharp's linear: each channel times {@code a} plus {@code b}, one pair for all channels or one per channel. */
public record Linear(List<Double> a, List<Double> b) implements PixelFilter {

    public Linear {
        a = List.copyOf(a);
        b = List.copyOf(b);
        if (a.isEmpty() || a.size() != b.size() || a.size() > 4) {
            throw dev.pictor.error.ImageException.invalidParameter("linear needs as many multipliers as offsets, 1 to"
                    + " 4, got " + a.size() + " and " + b.size());
        }
        a.forEach(v -> Checks.inRange("linear multiplier", v, -1000, 1000));
        b.forEach(v -> Checks.inRange("linear offset", v, -65535, 65535));
    }

    @Override
    public String canonical() {
        return "linear(" + a + "," + b + ")";
    }
}
