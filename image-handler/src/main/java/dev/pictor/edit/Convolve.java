package dev.pictor.edit;

import dev.pictor.error.ImageException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Convolve with a {@code columns} by {@code rows} kernel (row-major); each sum is divided by {@code scale} and
 * {@code offset} added (Thumbor's convolution, sharp's convolve).
 */
public record Convolve(int columns, int rows, List<Double> kernel, double scale, double offset) implements PixelFilter {

    public Convolve {
        kernel = List.copyOf(kernel);
        Checks.inRange("convolution columns", columns, 1, 15);
        Checks.inRange("convolution rows", rows, 1, 15);
        if (kernel.size() != columns * rows) {
            throw ImageException.invalidParameter("convolution kernel has " + kernel.size()
                    + " values; " + columns + " columns by " + rows + " rows needs " + columns * rows);
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw ImageException.invalidParameter("convolution scale must be a non-zero number");
        }
    }

    /** Divided by the sum of the kernel when asked to normalise and the sum is not zero, else by 1. */
    public static Convolve of(int columns, List<Double> kernel, boolean normalize) {
        double sum = kernel.stream().mapToDouble(Double::doubleValue).sum();
        int rows = columns == 0 ? 0 : kernel.size() / columns;
        return new Convolve(columns, rows, kernel, normalize && sum != 0 ? sum : 1, 0);
    }

    @Override
    public String canonical() {
        return "convolve(" + columns + "x" + rows + ":" + kernel.stream().map(Checks::format)
                .collect(Collectors.joining(";")) + "/" + Checks.format(scale) + "+" + Checks.format(offset) + ")";
    }
}
