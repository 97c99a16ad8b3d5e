import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The candidate that lost to libvips' reduce (docs/benchmarks.md): the resampler's vertical Lanczos pass, scalar
 * against the Vector API (incubating in JDK 25), as fitin1024 runs it (1024 wide, 9 taps, 1696 rows to 576). Prints
 * the best of 30 runs of each. Not built by Maven; run as a source file:
 *
 *   java --add-modules jdk.incubator.vector benchmark/probes/VectorProbe.java
 *   java -XX:TieredStopAtLevel=1 --add-modules jdk.incubator.vector benchmark/probes/VectorProbe.java   # Lambda's C1
 */
public class VectorProbe {

    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 1696;
    private static final int ROWS_OUT = 576;
    private static final int TAPS = 9;

    public static void main(String[] args) {
        int[] source = new int[WIDTH * HEIGHT];
        for (int i = 0; i < source.length; i++) {
            source[i] = (i * 31) & 255;
        }
        int[] start = new int[ROWS_OUT];
        int[] weights = new int[ROWS_OUT * TAPS];
        for (int y = 0; y < ROWS_OUT; y++) {
            start[y] = Math.min(HEIGHT - TAPS, (int) (y * 2.94));
            Arrays.fill(weights, y * TAPS, (y + 1) * TAPS, 1820);
        }
        int[] out = new int[WIDTH * ROWS_OUT];
        for (String mode : new String[] {"scalar", "vector", "scalar", "vector"}) {
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 30; run++) {
                long started = System.nanoTime();
                if (mode.equals("scalar")) {
                    scalar(source, start, weights, out);
                } else {
                    vector(source, start, weights, out);
                }
                best = Math.min(best, System.nanoTime() - started);
            }
            System.out.printf("%s: best %.2f ms (checksum %d)%n", mode, best / 1e6, out[12345]);
        }
    }

    private static void scalar(int[] source, int[] start, int[] weights, int[] out) {
        int[] sum = new int[WIDTH];
        for (int y = 0; y < ROWS_OUT; y++) {
            Arrays.fill(sum, 1 << 13);
            for (int k = 0; k < TAPS; k++) {
                int row = (start[y] + k) * WIDTH;
                int weight = weights[y * TAPS + k];
                for (int x = 0; x < WIDTH; x++) {
                    sum[x] += source[row + x] * weight;
                }
            }
            for (int x = 0; x < WIDTH; x++) {
                out[y * WIDTH + x] = Math.min(255, Math.max(0, sum[x] >> 14));
            }
        }
    }

    private static void vector(int[] source, int[] start, int[] weights, int[] out) {
        int[] sum = new int[WIDTH];
        IntVector zero = IntVector.zero(SPECIES);
        IntVector max = IntVector.broadcast(SPECIES, 255);
        for (int y = 0; y < ROWS_OUT; y++) {
            Arrays.fill(sum, 1 << 13);
            for (int k = 0; k < TAPS; k++) {
                int row = (start[y] + k) * WIDTH;
                int weight = weights[y * TAPS + k];
                for (int x = 0; x < WIDTH; x += SPECIES.length()) {
                    IntVector.fromArray(SPECIES, source, row + x).mul(weight)
                            .add(IntVector.fromArray(SPECIES, sum, x)).intoArray(sum, x);
                }
            }
            for (int x = 0; x < WIDTH; x += SPECIES.length()) {
                IntVector.fromArray(SPECIES, sum, x).lanewise(VectorOperators.ASHR, 14).max(zero).min(max)
                        .intoArray(out, y * WIDTH + x);
            }
        }
    }
}
