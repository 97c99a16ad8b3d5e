package dev.pictor.engine.java2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.ImageFormat;
import dev.pictor.error.ImageException;
import dev.pictor.plan.Plan;
import dev.pictor.plan.Planner;
import dev.pictor.plan.SourceInfo;
import dev.pictor.testing.TestImages;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Java2dEngineTest {

    private final Java2dEngine engine = new Java2dEngine();

    @ParameterizedTest(name = "{0}: {1}x{2}, orientation {3}, alpha {4}")
    @CsvSource(delimiterString = " | ", textBlock = """
            dandelions.jpg        | 1280 | 720 | 1 | false | JPEG
            mountains-exif6.jpg   | 720  | 960 | 6 | false | JPEG
            hills-cmyk.jpg        | 800  | 533 | 1 | false | JPEG
            mars-alpha.png        | 800  | 400 | 1 | true  | PNG
            nebula.png            | 320  | 320 | 1 | false | PNG
            logo.png              | 200  | 80  | 1 | true  | PNG
            forest.webp           | 1024 | 682 | 1 | false | WEBP
            earth.gif             | 320  | 200 | 1 | false | GIF
            """)
    void probeReadsTheHeader(String sample, int width, int height, int orientation, boolean alpha,
                             ImageFormat format) {
        SourceInfo info = engine.probe(TestImages.sample(sample));
        assertEquals(new SourceInfo(format, width, height, orientation, alpha), info);
    }

    /** Each fixture stores the same upright picture (red, green / blue, white quadrants) as its orientation says. */
    @ParameterizedTest(name = "EXIF orientation {0} comes out upright")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void everyExifOrientationComesOutUpright(int orientation) {
        byte[] source = TestImages.fixture("orientation-" + orientation + ".jpg");
        SourceInfo info = engine.probe(source);
        assertEquals(orientation, info.orientation());
        BufferedImage image = render(source, info, new EditChain(java.util.List.of(),
                dev.pictor.edit.Output.DEFAULT.withFormat(ImageFormat.PNG)));
        assertEquals(60, image.getWidth());
        assertEquals(40, image.getHeight());
        assertColour(0xFF0000, image.getRGB(5, 5), "top left red");
        assertColour(0x00FF00, image.getRGB(54, 5), "top right green");
        assertColour(0x0000FF, image.getRGB(5, 34), "bottom left blue");
        assertColour(0xFFFFFF, image.getRGB(54, 34), "bottom right white");
    }

    @Test
    void greyJpegKeepsItsValuesRatherThanBrighteningThem() {
        byte[] source = TestImages.fixture("gray.jpg");
        BufferedImage ours = Decoder.toWorkingForm(TestImages.decode(source));
        BufferedImage raw = TestImages.decode(source);
        int sample = raw.getRaster().getSample(100, 100, 0);
        assertEquals(sample, ours.getRGB(100, 100) & 0xFF);
        assertEquals(sample, (ours.getRGB(100, 100) >> 16) & 0xFF);
    }

    @Test
    void sixteenBitGreyWithAlphaIsReadAsEightBitGreyWithAlpha() {
        byte[] source = TestImages.fixture("gray-alpha-16.png");
        BufferedImage image = new Decoder().decode(source);
        assertTrue(Images.hasAlpha(image));
        int left = image.getRGB(0, 24);
        int right = image.getRGB(63, 24);
        assertTrue((left >>> 24) < 10, "left edge transparent: " + Integer.toHexString(left));
        assertTrue((right >>> 24) > 240, "right edge opaque: " + Integer.toHexString(right));
    }

    @Test
    void embeddedColourSpacesAreConvertedToSrgb() {
        ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        ColorModel model = new ComponentColorModel(linear, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                raster.setPixel(x, y, new int[] {128, 128, 128});
            }
        }
        BufferedImage image = Decoder.toWorkingForm(new BufferedImage(model, raster, false, null));
        int value = image.getRGB(1, 1) & 0xFF;
        // Linear 0.5 is about 188 in sRGB's curve.
        assertTrue(Math.abs(value - 188) <= 2, "linear 128 became " + value);
    }

    @Test
    void cmykIsConvertedNotInverted() {
        BufferedImage image = new Decoder().decode(TestImages.sample("hills-cmyk.jpg"));
        long sum = 0;
        int[] pixels = Images.data(image);
        for (int p : pixels) {
            sum += (p >> 8) & 0xFF;
        }
        double meanGreen = sum / (double) pixels.length;
        assertTrue(meanGreen > 60 && meanGreen < 200, "mean green " + meanGreen);
    }

    @ParameterizedTest(name = "{0} sources decode")
    @CsvSource({"tiff, TIFF", "bmp, BMP"})
    void tiffAndBmpSourcesDecode(String writerName, ImageFormat format) throws Exception {
        BufferedImage picture = TestImages.decode(TestImages.sample("bird.jpg"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        assertTrue(javax.imageio.ImageIO.write(picture, writerName, bytes));
        byte[] source = bytes.toByteArray();
        SourceInfo info = engine.probe(source);
        assertEquals(new SourceInfo(format, 1280, 720, 1, false), info);
        BufferedImage small = render(source, info, new EditChain(java.util.List.of(dev.pictor.edit.Resize.of(
                dev.pictor.edit.Extent.pixels(320), dev.pictor.edit.Extent.AUTO, dev.pictor.edit.Fit.INSIDE)),
                dev.pictor.edit.Output.DEFAULT.withFormat(ImageFormat.PNG)));
        assertEquals(320, small.getWidth());
        assertEquals(180, small.getHeight());
    }

    @ParameterizedTest(name = "saturation({0}) moves colour spread {1}")
    @CsvSource({"0, 0", "1.5, up"})
    void saturationMovesColoursFromTheirGrey(double factor, String expected) {
        dev.pictor.edit.PixelFilter edit = new dev.pictor.edit.Saturation(factor);
        BufferedImage image = Images.create(1, 1, false);
        Images.data(image)[0] = 0x804020;
        int before = spread(Images.data(image)[0]);
        Filters.apply(image, edit);
        int after = spread(Images.data(image)[0]);
        if (expected.equals("0")) {
            assertTrue(after <= 1, "grey: " + Integer.toHexString(Images.data(image)[0]));
        } else {
            assertTrue(after > before, before + " -> " + after);
        }
    }

    private static int spread(int p) {
        int r = (p >> 16) & 0xFF;
        int g = (p >> 8) & 0xFF;
        int b = p & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
    }

    @Test
    void notAnImageIs415() {
        ImageException error = assertThrows(ImageException.class,
                () -> engine.probe(TestImages.fixture("not-an-image.jpg")));
        assertEquals(415, error.status());
    }

    @Test
    void headerIsReadWithoutDecodingADecompressionBomb() {
        byte[] bomb = PngBomb.of(50_000, 50_000);
        SourceInfo info = engine.probe(bomb);
        assertEquals(50_000, info.width());
        assertEquals(2_500_000_000L, info.pixels());
        assertFalse(info.hasAlpha());
    }

    @Test
    void lanczosKeepsAFlatColourFlatAndTransparentEdgesFreeOfHalos() {
        BufferedImage image = Images.create(101, 67, true);
        int[] pixels = Images.data(image);
        for (int i = 0; i < pixels.length; i++) {
            // Left half opaque red; right half transparent with a stray green colour that must not bleed.
            pixels[i] = (i % 101) < 50 ? 0xFFFF0000 : 0x0000FF00;
        }
        BufferedImage small = Resampler.scale(image, 20, 13);
        for (int x = 0; x < 20; x++) {
            int p = small.getRGB(x, 6);
            if ((p >>> 24) > 0) {
                assertTrue(((p >> 8) & 0xFF) < 8, "no green halo at x=" + x + ": " + Integer.toHexString(p));
            }
        }
        assertEquals(0xFFFF0000, small.getRGB(2, 6));
    }

    private BufferedImage render(byte[] source, SourceInfo info, EditChain chain) {
        Plan plan = new Planner(80).plan(chain, info, 1, engine::canEncode);
        return TestImages.decode(engine.render(source, info, plan, Map.of()).bytes());
    }

    private static void assertColour(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) < 40, what + ": expected " + Integer.toHexString(expected) + " got "
                    + Integer.toHexString(actual & 0xFFFFFF));
        }
    }

    /**
     * A render interrupted because its time budget ran out stops at its next check instead of running to its end: the
     * pixels it holds come back with its 503.
     */
    @Test
    void anInterruptedRenderStopsAtItsNextCheck() throws Exception {
        BufferedImage large = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(large, "png", png);
        byte[] source = png.toByteArray();
        SourceInfo info = engine.probe(source);
        java.util.List<Edit> blurs = java.util.Collections.nCopies(EditChain.MAX_EDITS, new dev.pictor.edit.Blur(150));
        Plan plan = new Planner(80).plan(new EditChain(blurs, dev.pictor.edit.Output.DEFAULT), info, 1,
                engine::canEncode);
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread render = Thread.ofVirtual().start(() -> {
            try {
                engine.render(source, info, plan, Map.of());
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        Thread.sleep(200);
        render.interrupt();
        render.join(60_000);
        assertFalse(render.isAlive(), "the render went on after its interruption");
        assertTrue(outcome.get() instanceof ImageException e && e.code().equals("TimeBudgetExceeded"),
                String.valueOf(outcome.get()));
    }
}
