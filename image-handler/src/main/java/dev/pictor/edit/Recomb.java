package dev.pictor.edit;

import java.util.List;

/** sharp's recomb: red, green and blue recombined by a 3x3 matrix, row by row. */
public record Recomb(List<Double> matrix) implements PixelFilter {

    public Recomb {
        matrix = List.copyOf(matrix);
        if (matrix.size() != 9) {
            throw dev.pictor.error.ImageException.invalidParameter("recomb needs a 3x3 matrix, got " + matrix.size()
                    + " numbers");
        }
        matrix.forEach(v -> Checks.inRange("recomb", v, -1000, 1000));
    }

    @Override
    public String canonical() {
        return "recomb(" + matrix + ")";
    }
}
