package dev.pictor.benchmark;

import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.wiring.Services;
import dev.pictor.plan.Plan;
import dev.pictor.plan.Planner;
import dev.pictor.plan.SourceInfo;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.RequestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * One request's engine work (probe, plan, decode, transform, encode; no HTTP, no disk) on the full-size photos, for
 * the native-JPEG engine and the pure-JVM one. Photos come from {@code BENCH_IMAGES} (default ../shared/testimages).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class EngineBenchmark {

    @Param({"bird-on-bark-6028x3391.jpg", "dandelions-5312x2988-progressive.jpg"})
    public String image;

    @Param({"native", "jvm"})
    public String engine;

    @Param({"/unsafe/100x100/", "/unsafe/500x500/", "/unsafe/fit-in/1024x1024/",
            "/unsafe/500x500/filters:grayscale():blur(5)/"})
    public String workload;

    private ImageEngine imageEngine;
    private byte[] source;
    private SourceInfo info;
    private Plan plan;

    @Setup
    public void setUp() throws IOException {
        Config config = Config.fromEnvironment(Map.of());
        imageEngine = engine.equals("native") ? Services.engine(config) : new Java2dEngine();
        source = Files.readAllBytes(Path.of(System.getenv().getOrDefault("BENCH_IMAGES", "../shared/testimages"))
                .resolve(image));
        info = imageEngine.probe(source);
        ImageRequest request = new RequestParser(config.limits(), config.watermark(), config.rewrite(),
                config.rekognitionEnabled()).parse(workload + image, "");
        plan = new Planner(config.defaultQuality()).plan(request.chain(), info,
                imageEngine.maxDecodeShrink(info.format()), imageEngine::canEncode);
    }

    @Benchmark
    public byte[] render() {
        return imageEngine.render(source, info, plan, Map.of()).bytes();
    }
}
