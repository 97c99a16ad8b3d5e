package dev.pictor.benchmark;

import dev.pictor.testing.Similarity;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Bytes and similarity of two servers' outputs for the same URLs: {@code <dir>/pictor/<workload>/<image>},
 * {@code <dir>/sharp/<workload>/<image>}, each scored by SSIM against a neutral reference rendering (ImageMagick,
 * lossless) in {@code <dir>/reference/<workload>/<image>.png}.
 */
public final class CompareOutputs {

    private CompareOutputs() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        System.out.printf(Locale.ROOT, "%-12s %-42s %10s %10s %7s %8s %8s %8s%n", "workload", "image",
                "pictor B", "sharp B", "ratio", "ssim P", "ssim S", "delta");
        for (Path workload : list(dir.resolve("pictor"))) {
            long oursTotal = 0;
            long theirsTotal = 0;
            double worstDelta = Double.POSITIVE_INFINITY;
            for (Path ours : list(workload)) {
                String name = ours.getFileName().toString();
                Path theirs = dir.resolve("sharp").resolve(workload.getFileName()).resolve(name);
                Path reference = dir.resolve("reference").resolve(workload.getFileName()).resolve(name + ".png");
                BufferedImage ref = read(reference);
                double ssimOurs = Similarity.ssim(read(ours), ref);
                double ssimTheirs = Similarity.ssim(read(theirs), ref);
                long bytesOurs = Files.size(ours);
                long bytesTheirs = Files.size(theirs);
                oursTotal += bytesOurs;
                theirsTotal += bytesTheirs;
                worstDelta = Math.min(worstDelta, ssimOurs - ssimTheirs);
                System.out.printf(Locale.ROOT, "%-12s %-42s %10d %10d %7.3f %8.4f %8.4f %+8.4f%n",
                        workload.getFileName(), name, bytesOurs, bytesTheirs, (double) bytesOurs / bytesTheirs,
                        ssimOurs, ssimTheirs, ssimOurs - ssimTheirs);
            }
            System.out.printf(Locale.ROOT, "%-12s %-42s %10d %10d %7.3f %26s%+8.4f%n%n", workload.getFileName(),
                    "ALL (bytes summed; worst SSIM delta)", oursTotal, theirsTotal, (double) oursTotal / theirsTotal,
                    "", worstDelta);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("cannot read " + file);
        }
        return image;
    }
}
