package dev.pictor.engine.turbojpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.wiring.Services;
import dev.pictor.testing.Similarity;
import dev.pictor.testing.TestImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TurboJpegCodecTest {

    private final TurboJpegCodec codec = new TurboJpegCodec(TurboJpeg.load().orElseThrow(
            () -> new AssertionError("the bundled libturbojpeg must load on linux x86_64 and aarch64")));

    @ParameterizedTest(name = "{0} at 1/{1} is {2}x{3}")
    @CsvSource(delimiterString = " | ", textBlock = """
            bird.jpg            | 1 | 1280 | 720
            bird.jpg            | 2 | 640  | 360
            bird.jpg            | 8 | 160  | 90
            dandelions.jpg      | 4 | 320  | 180
            mountains-exif6.jpg | 8 | 90   | 120
            interior-portrait.jpg | 8 | 80 | 120
            """)
    void decodesScaledInTheDct(String sample, int shrink, int width, int height) {
        BufferedImage image = codec.decode(TestImages.sample(sample), shrink).orElseThrow();
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void decodesLikeImageIo() {
        byte[] source = TestImages.sample("bird.jpg");
        BufferedImage ours = codec.decode(source, 1).orElseThrow();
        BufferedImage imageIo = TestImages.decode(source);
        assertTrue(Similarity.ssim(ours, imageIo) > 0.99);
    }

    @Test
    void leavesCmykToImageIo() {
        assertTrue(codec.decode(TestImages.sample("hills-cmyk.jpg"), 1).isEmpty());
    }

    @Test
    void findsEmbeddedIccProfiles() {
        assertFalse(JpegMarkers.hasIccProfile(TestImages.sample("bird.jpg")));
        byte[] withProfile = withIccProfile(TestImages.sample("bird.jpg"),
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
        assertTrue(JpegMarkers.hasIccProfile(withProfile));
        assertTrue(codec.decode(withProfile, 1).isEmpty());
    }

    @Test
    void aFileWithAProfileIsColourManagedByTheFallback() {
        byte[] withProfile = withIccProfile(TestImages.sample("bird.jpg"),
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
        var nativeEngine = Services.engine(Config.fromEnvironment(Map.of()));
        var pureEngine = new Java2dEngine();
        var info = nativeEngine.probe(withProfile);
        var plan = new dev.pictor.plan.Planner(80).plan(new dev.pictor.edit.EditChain(java.util.List.of(
                dev.pictor.edit.Resize.of(dev.pictor.edit.Extent.pixels(200), dev.pictor.edit.Extent.AUTO,
                        dev.pictor.edit.Fit.INSIDE)), dev.pictor.edit.Output.DEFAULT), info,
                nativeEngine.maxDecodeShrink(info.format()), nativeEngine::canEncode);
        assertEquals(4, plan.decodeShrink());
        BufferedImage viaNative = TestImages.decode(nativeEngine.render(withProfile, info, plan, Map.of()).bytes());
        var purePlan = new dev.pictor.plan.Planner(80).plan(new dev.pictor.edit.EditChain(java.util.List.of(
                dev.pictor.edit.Resize.of(dev.pictor.edit.Extent.pixels(200), dev.pictor.edit.Extent.AUTO,
                        dev.pictor.edit.Fit.INSIDE)), dev.pictor.edit.Output.DEFAULT), info, 1, pureEngine::canEncode);
        BufferedImage viaImageIo = TestImages.decode(pureEngine.render(withProfile, info, purePlan, Map.of()).bytes());
        BufferedImage unmanaged = TestImages.decode(pureEngine.render(TestImages.sample("bird.jpg"),
                pureEngine.probe(TestImages.sample("bird.jpg")), purePlan, Map.of()).bytes());
        assertTrue(Similarity.ssim(viaNative, viaImageIo) > 0.97);
        // Linear-light values shown as sRGB come out clearly brighter: the profile was honoured.
        assertTrue(mean(viaNative) > mean(unmanaged) + 20, mean(viaNative) + " vs " + mean(unmanaged));
    }

    /** A copy of a JPEG with an APP2 ICC_PROFILE segment holding the profile, right after SOI. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] header = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + header.length + 2 + profile.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(header);
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static double mean(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                sum += (image.getRGB(x, y) >> 8) & 0xFF;
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }

    @Test
    void encodesWhatImageIoReadsBack() {
        BufferedImage image = codec.decode(TestImages.sample("bird.jpg"), 4).orElseThrow();
        byte[] jpeg = codec.encode(image, 80);
        BufferedImage back = TestImages.decode(jpeg);
        assertEquals(320, back.getWidth());
        assertTrue(Similarity.ssim(image, back) > 0.95);
    }

    @Test
    void baselineAndProgressiveHandlesDoNotMix() {
        TurboJpeg turbo = TurboJpeg.load().orElseThrow();
        BufferedImage image = codec.decode(TestImages.sample("bird.jpg"), 4).orElseThrow();
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (boolean progressive : new boolean[] {true, false, true, false}) {
            byte[] jpeg = turbo.encode(pixels, image.getWidth(), image.getHeight(), 80, progressive);
            assertEquals(progressive, startOfFrame(jpeg) == 0xC2);
            assertTrue(Similarity.ssim(image, TestImages.decode(jpeg)) > 0.95, "progressive " + progressive);
        }
    }

    /** The JPEG start-of-frame marker: C0 baseline, C2 progressive. */
    static int startOfFrame(byte[] jpeg) {
        int i = 2;
        while (i + 4 < jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                return marker;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
        }
        return -1;
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /unsafe/100x100/bird.jpg  | baseline
            /unsafe/300x300/bird.jpg  | baseline
            /unsafe/301x300/bird.jpg  | progressive
            /unsafe/500x500/bird.jpg  | progressive
            """)
    void thumbnailsAreBaselineLargerImagesProgressive(String url, String kind) {
        for (var engine : java.util.List.of(Services.engine(Config.fromEnvironment(Map.of())), new Java2dEngine())) {
            var service = new dev.pictor.http.ImageService(Config.fromEnvironment(Map.of()),
                    new dev.pictor.source.LocalFolderStore(TestImages.samplesRoot()), engine);
            byte[] jpeg = service.handle(dev.pictor.http.HttpRequest.get(url, "")).body();
            assertEquals(kind.equals("progressive") ? 0xC2 : 0xC0, startOfFrame(jpeg), engine.name());
        }
    }

    @Test
    void canBeSwitchedOff() {
        String name = Services.engine(Config.fromEnvironment(Map.of("NATIVE_CODECS", "false"))).name();
        assertEquals(new Java2dEngine(Optional.empty()).name(), name);
    }
}
