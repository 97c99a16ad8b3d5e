package dev.pictor.engine.java2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.engine.vips.Vips;
import dev.pictor.engine.vips.VipsCodec;
import dev.pictor.testing.Similarity;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
        Optional<Vips> vips = Vips.library(Optional.empty()).get();
        assumeTrue(vips.isPresent(), "libvips is not fetched here (image-handler/native/fetch-libvips.sh)");
        AtomicInteger asked = new AtomicInteger();
        VipsCodec codec = new VipsCodec(vips.get());
        NativeReducer counting = (pixels, w, h, tw, th) -> {
            asked.incrementAndGet();
            return codec.reduce(pixels, w, h, tw, th);
        };
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
