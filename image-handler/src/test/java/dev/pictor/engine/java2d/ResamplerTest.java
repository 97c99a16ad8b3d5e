package dev.pictor.engine.java2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.codec.JpegCodec;
import dev.pictor.engine.codec.NativePixels;
import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.engine.vips.LazyVipsCodec;
import dev.pictor.engine.vips.Vips;
import dev.pictor.engine.vips.VipsCodec;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.Similarity;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler with libvips' reduce beside it, one row a case: which resizes go native, and that a native result
 * is the JVM resampler's within rounding (same filter, same centres), alpha included.
 */
class ResamplerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            a 3:1 reduction of a photo goes native        | bird.jpg       | 427x240 | true  | 6
            a 6:1 reduction is boxed first, then native   | bird.jpg       | 200x112 | true  | 6
            one axis reduced, the other kept              | dandelions.jpg | 640x720 | true  | 6
            transparent pixels, premultiplied both ways   | mars-alpha.png | 300x150 | true  | 12
            an uneven stretch: wider, shorter             | nebula.png     | 400x200 | false | 0
            an enlargement stays on the JVM               | nebula.png     | 640x640 | false | 0
            a small image is not worth the copies         | logo.png       | 100x40  | false | 0
            """)
    void nativeReductionsMatchTheJvmResampler(String name, String sample, String size, boolean goesNative,
                                              int tolerance) {
        AtomicInteger asked = new AtomicInteger();
        NativeReducer counting = countingReducer(asked);
        BufferedImage source = Decoder.toWorkingForm(TestImages.decode(TestImages.sample(sample)));
        int width = Integer.parseInt(size.split("x")[0]);
        int height = Integer.parseInt(size.split("x")[1]);

        BufferedImage viaNative = Resampler.scale(source, width, height, Optional.of(counting));
        BufferedImage jvm = Resampler.scale(source, width, height);

        assertEquals(goesNative ? 1 : 0, asked.get(), "native reductions asked for");
        assertEquals(width + "x" + height, viaNative.getWidth() + "x" + viaNative.getHeight());
        assertEquals(jvm.getType(), viaNative.getType());
        assertTrue(Similarity.ssim(jvm, viaNative) >= 0.995, "SSIM " + Similarity.ssim(jvm, viaNative));
        // The two clamp Lanczos' ringing between passes in another order: at the hardest edges (the planet's rim
        // against transparent space) a level or two becomes twelve.
        assertTrue(largestDifference(jvm, viaNative) <= tolerance, "a channel differs by "
                + largestDifference(jvm, viaNative));
    }

    /**
     * A JPEG decoded into native memory by libjpeg-turbo and reduced where it lies, against the same decode resampled
     * on the heap by the JVM's loops; where the reducer cannot take it directly, the heap path runs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            a 3:1 reduction read where the decoder wrote      | bird.jpg       | 1 | whole           | 427x240 | true
            decoded at 1/2, then reduced natively             | dandelions.jpg | 2 | whole           | 400x225 | true
            a region (a cover crop) cut out natively          | bird.jpg       | 1 | 280,0,720,720   | 300x300 | true
            a region at the far corner                        | dandelions.jpg | 1 | 560,320,720,400 | 360x200 | true
            a reduction of 6:1 needs the box first: the heap  | bird.jpg       | 1 | whole           | 200x112 | false
            an enlargement: the heap                          | bird.jpg       | 4 | whole           | 640x360 | false
            a small region: the heap                          | bird.jpg       | 1 | 100,100,200,200 | 150x150 | false
            """)
    void aJpegReducedInNativeMemory(String name, String sample, int shrink, String area, String size,
                                    boolean goesNative) {
        AtomicInteger asked = new AtomicInteger();
        NativeReducer counting = countingReducer(asked);
        TurboJpegCodec jpeg = turboJpeg();
        byte[] source = TestImages.sample(sample);
        BufferedImage decoded = jpeg.decode(source, shrink).orElseThrow();
        Rectangle region = new Rectangle(0, 0, decoded.getWidth(), decoded.getHeight());
        if (!area.equals("whole")) {
            String[] box = area.split(",");
            region = new Rectangle(Integer.parseInt(box[0]), Integer.parseInt(box[1]),
                    Integer.parseInt(box[2]), Integer.parseInt(box[3]));
        }
        int width = Integer.parseInt(size.split("x")[0]);
        int height = Integer.parseInt(size.split("x")[1]);

        BufferedImage viaNative;
        try (Arena arena = Arena.ofConfined()) {
            viaNative = Resampler.scale(jpeg.decode(source, shrink, arena).orElseThrow(), region, width, height,
                    Optional.of(counting));
        }
        BufferedImage jvm = Resampler.scale(Geometry.region(decoded, region.x, region.y, region.width,
                region.height), width, height);

        assertEquals(goesNative ? 1 : 0, asked.get(), "native reductions asked for");
        assertEquals(width + "x" + height, viaNative.getWidth() + "x" + viaNative.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, viaNative.getType());
        assertTrue(Similarity.ssim(jvm, viaNative) >= 0.995, "SSIM " + Similarity.ssim(jvm, viaNative));
        assertTrue(largestDifference(jvm, viaNative) <= 6, "a channel differs by " + largestDifference(jvm, viaNative));
    }

    /**
     * Whole requests on the engine with libjpeg-turbo and libvips: which go native, and what each comes out as,
     * against the pure-JVM engine.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            a JPEG fit-in: decoded and reduced in native memory   | /unsafe/fit-in/400x400/bird.jpg      | 1 | true  | 400x225
            a cover crop reduces first, then crops                | /unsafe/400x400/bird.jpg             | 1 | true  | 400x400
            EXIF orientation 6: turned first, on the heap         | /mountains-exif6.jpg?width=300       | 1 | false | 300x225
            CMYK: ImageIO decodes whole; its shrink and the rest  | /hills-cmyk.jpg?width=240            | 2 | false | 240x160
            a PNG's reduction, through the heap                   | /unsafe/fit-in/160x160/nebula.png    | 1 | false | 160x160
            a thumbnail the DCT shrink leaves small: the JVM      | /unsafe/100x100/bird.jpg             | 0 | false | 100x100
            a turn after the reduction: still native              | /unsafe/fit-in/400x400/filters:rotate(90)/bird.jpg | 1 | true | 225x400
            """)
    void rendersReduceNativelyWhereItPays(String name, String url, int reductions, boolean inNativeMemory,
                                          String size) {
        AtomicInteger asked = new AtomicInteger();
        NativeReducer counting = countingReducer(asked);
        TurboJpegCodec turboCodec = turboJpeg();
        AtomicInteger nativeDecodes = new AtomicInteger();
        var jpeg = new JpegCodec() {
            @Override
            public String description() {
                return turboCodec.description();
            }

            @Override
            public Optional<BufferedImage> decode(byte[] source, int shrink) {
                return turboCodec.decode(source, shrink);
            }

            @Override
            public Optional<NativePixels> decode(byte[] source, int shrink,
                                                                         Arena arena) {
                Optional<NativePixels> pixels = turboCodec.decode(source, shrink, arena);
                pixels.ifPresent(p -> nativeDecodes.incrementAndGet());
                return pixels;
            }

            @Override
            public byte[] encode(BufferedImage image, int quality) {
                return turboCodec.encode(image, quality);
            }
        };
        var config = Config.fromEnvironment(Map.of());
        var store = new LocalFolderStore(TestImages.samplesRoot());
        var nativeService = new ImageService(config, store, new Java2dEngine(Optional.of(jpeg),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(counting)));
        var jvmService = new ImageService(config, store, new Java2dEngine());

        var answer = nativeService.handle(Urls.get(url));
        var reference = jvmService.handle(Urls.get(url));

        assertEquals(200, answer.status(), new String(answer.body()));
        assertEquals(reductions, asked.get(), "native reductions asked for");
        assertEquals(inNativeMemory ? 1 : 0, nativeDecodes.get(), "decodes left in native memory");
        BufferedImage ours = TestImages.decode(answer.body());
        assertEquals(size, ours.getWidth() + "x" + ours.getHeight());
        double ssim = Similarity.ssim(TestImages.decode(reference.body()), ours);
        assertTrue(ssim >= 0.97, "SSIM against the pure-JVM engine " + ssim);
    }

    /**
     * Where libvips declines a reduction, or is not there at all, the JVM's loops make the same request: the same
     * bytes as an engine that never had a reducer. A truncated JPEG (libjpeg-turbo warns, and decodes what there is)
     * takes the native path like any other.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            libvips declines a fit-in                    | declining | bird.jpg       | 1.0 | /unsafe/fit-in/400x400/
            libvips declines a cover crop                | declining | bird.jpg       | 1.0 | /unsafe/400x400/
            libvips declines a PNG's reduction           | declining | nebula.png     | 1.0 | /unsafe/fit-in/160x160/
            libvips is named but does not load           | missing   | bird.jpg       | 1.0 | /unsafe/fit-in/400x400/
            a truncated JPEG, declined                   | declining | dandelions.jpg | 0.6 | /unsafe/fit-in/400x400/
            """)
    void withoutLibvipsTheJvmMakesTheSameImage(String name, String reducer, String sample, double kept, String path,
                                               @TempDir Path root)
            throws IOException {
        TurboJpegCodec turboCodec = turboJpeg();
        AtomicInteger asked = new AtomicInteger();
        NativeReducer without = reducer.equals("missing")
                ? new LazyVipsCodec(Vips.library(Optional.of(root.resolve("no-libvips.so"))))
                : (pixels, w, h, region, tw, th) -> {
                    asked.incrementAndGet();
                    return Optional.empty();
                };
        byte[] whole = TestImages.sample(sample);
        Files.createDirectories(root.resolve("images"));
        Files.write(root.resolve("images").resolve(sample),
                Arrays.copyOf(whole, (int) (whole.length * kept)));
        var config = Config.fromEnvironment(Map.of());
        var store = new LocalFolderStore(root);
        Optional<JpegCodec> jpeg = Optional.of(turboCodec);
        var declined = new ImageService(config, store, new Java2dEngine(jpeg, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(without)));
        var never = new ImageService(config, store, new Java2dEngine(jpeg));

        var answer = declined.handle(Urls.get(path + sample));
        var reference = never.handle(Urls.get(path + sample));

        assertEquals(200, answer.status(), new String(answer.body()));
        assertEquals(reducer.equals("missing") ? 0 : 1, asked.get(), "reductions asked for");
        assertTrue(Arrays.equals(reference.body(), answer.body()), "not the no-reducer engine's bytes");
    }

    /** libjpeg-turbo's codec; the test is skipped where the library does not load. */
    private static TurboJpegCodec turboJpeg() {
        Optional<TurboJpeg> turbo = TurboJpeg.load();
        assumeTrue(turbo.isPresent(), "libjpeg-turbo does not load here");
        return new TurboJpegCodec(turbo.get());
    }

    /** libvips' reducer, counting the reductions it is asked for; the test is skipped where libvips is not fetched. */
    private static NativeReducer countingReducer(AtomicInteger asked) {
        Optional<Vips> vips = Vips.library(Optional.empty()).get();
        assumeTrue(vips.isPresent(), "libvips is not fetched here (image-handler/native/fetch-libvips.sh)");
        VipsCodec codec = new VipsCodec(vips.get());
        return (pixels, w, h, region, tw, th) -> {
            asked.incrementAndGet();
            return codec.reduce(pixels, w, h, region, tw, th);
        };
    }

    /**
     * The largest difference of any channel at any pixel, colour weighted by alpha: where a pixel is all but
     * transparent its colour is a guess either way (un-premultiplied from a few levels).
     */
    private static int largestDifference(BufferedImage a, BufferedImage b) {
        int[] pa = Images.data(a);
        int[] pb = Images.data(b);
        boolean alpha = Images.hasAlpha(a);
        int largest = 0;
        for (int i = 0; i < pa.length; i++) {
            int alphaA = alpha ? pa[i] >>> 24 : 255;
            int alphaB = alpha ? pb[i] >>> 24 : 255;
            largest = Math.max(largest, Math.abs(alphaA - alphaB));
            for (int shift = 0; shift < 24; shift += 8) {
                int ca = ((pa[i] >>> shift) & 0xFF) * alphaA / 255;
                int cb = ((pb[i] >>> shift) & 0xFF) * alphaB / 255;
                largest = Math.max(largest, Math.abs(ca - cb));
            }
        }
        return largest;
    }
}
