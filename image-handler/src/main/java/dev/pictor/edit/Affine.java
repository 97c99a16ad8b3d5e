package dev.pictor.edit;

/**
 * sharp's affine: each pixel moved by the matrix {@code [[a, b], [c, d]]}; the result is the box around the moved
 * image, the background where no pixel lands.
 */
public record Affine(double a, double b, double c, double d, Color background) implements Edit {

    public Affine {
        for (double v : new double[] {a, b, c, d}) {
            Checks.inRange("affine", v, -100, 100);
        }
        if (Math.abs(a * d - b * c) < 1e-6) {
            throw dev.pictor.error.ImageException.invalidParameter("affine: the matrix flattens the image (its"
                    + " determinant is 0)");
        }
    }

    @Override
    public String canonical() {
        return "affine(" + Checks.format(a) + "," + Checks.format(b) + "," + Checks.format(c) + "," + Checks.format(d)
                + "," + background.canonical() + ")";
    }
}
