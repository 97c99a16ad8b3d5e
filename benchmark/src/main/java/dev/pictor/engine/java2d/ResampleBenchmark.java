package dev.pictor.engine.java2d;

import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.engine.vips.Vips;
import dev.pictor.engine.vips.VipsCodec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The resize alone, as fitin1024 does it: a photo decoded at 1/2 by libjpeg-turbo, reduced by Lanczos-3 to fit
 * 1024x1024, by the JVM's loops or by libvips' reduce through FFM (copies to and from native memory included). In the
 * engine's package for the package-private resampler. Under Lambda's C1-only setting: {@code -jvmArgsAppend
 * -XX:TieredStopAtLevel=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class ResampleBenchmark {

    @Param({"bird-on-bark-6028x3391.jpg"})
    public String image;

    @Param({"jvm", "libvips"})
    public String resampler;

    private BufferedImage decoded;
    private Optional<NativeReducer> reducer;
    private int width;
    private int height;

    @Setup
    public void setUp() throws IOException {
        byte[] source = Files.readAllBytes(Path.of(System.getenv().getOrDefault("BENCH_IMAGES",
                "../shared/testimages")).resolve(image));
        decoded = new TurboJpegCodec(TurboJpeg.load().orElseThrow()).decode(source, 2).orElseThrow();
        double scale = Math.min(1024.0 / decoded.getWidth(), 1024.0 / decoded.getHeight());
        width = (int) Math.round(decoded.getWidth() * scale);
        height = (int) Math.round(decoded.getHeight() * scale);
        reducer = resampler.equals("libvips")
                ? Optional.of(new VipsCodec(Vips.library(Optional.empty()).get().orElseThrow(
                        () -> new IllegalStateException("libvips is not fetched (image-handler/native/fetch-libvips.sh)"))))
                : Optional.empty();
    }

    @Benchmark
    public BufferedImage scale() {
        return Resampler.scale(decoded, width, height, reducer);
    }
}
