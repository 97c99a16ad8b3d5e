package dev.pictor.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pictor.config.Config;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Variant;
import dev.pictor.engine.Rendered;
import dev.pictor.testing.Similarity;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.engine.codec.JpegCodec;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.plan.SourceInfo;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RendererTest {

    /** A JPEG codec that remembers the shrink of every decode it is asked for. */
    static final class CountingJpeg implements JpegCodec {
        final JpegCodec real;
        final List<Integer> decodes = new ArrayList<>();

        CountingJpeg(JpegCodec real) {
            this.real = real;
        }

        @Override
        public String description() {
            return real.description();
        }

        @Override
        public Optional<BufferedImage> decode(byte[] jpeg, int shrink) {
            decodes.add(shrink);
            return real.decode(jpeg, shrink);
        }

        @Override
        public Optional<dev.pictor.engine.codec.NativePixels> decode(byte[] jpeg, int shrink,
                                                                     java.lang.foreign.Arena arena) {
            decodes.add(shrink);
            return real.decode(jpeg, shrink, arena);
        }

        @Override
        public byte[] encode(BufferedImage image, int quality) {
            return real.encode(image, quality);
        }
    }

    /**
     * The three default variants of a 4000x3000 photo: one decode, at 1/2 (the large variant's 1024 px cover needs
     * 1500 rows of 3000), and each variant as good as when rendered alone.
     */
    @Test
    void variantsShareOneDecodeAtTheShrinkTheLargestAllows() throws Exception {
        Optional<TurboJpeg> turbo = TurboJpeg.load();
        assumeTrue(turbo.isPresent(), "libjpeg-turbo does not load here");
        CountingJpeg jpeg = new CountingJpeg(new TurboJpegCodec(turbo.get()));
        Config config = Config.fromEnvironment(Map.of());
        Renderer renderer = new Renderer(config, new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine(Optional.of(jpeg)));
        byte[] photo = photo(4000, 3000);
        SourceInfo info = renderer.probe(photo);
        List<EditChain> chains = config.variants().stream().map(Variant::chain).toList();

        List<Rendered> together = renderer.renderAll(photo, info, chains, "images", System.nanoTime());
        assertEquals(List.of(2), jpeg.decodes);
        assertEquals(List.of("100x100", "500x500", "1024x1024"),
                together.stream().map(r -> r.width() + "x" + r.height()).toList());
        for (int i = 0; i < chains.size(); i++) {
            Rendered alone = renderer.render(renderer.prepare(photo, info, chains.get(i), "images"),
                    System.nanoTime());
            double ssim = Similarity.ssim(TestImages.decode(alone.bytes()), TestImages.decode(together.get(i).bytes()));
            assertTrue(ssim > 0.97, "variant " + i + " SSIM " + ssim);
        }
    }

    /** Gradients and soft waves, as a JPEG: detail a thumbnail can keep, to compare renders by. */
    private static byte[] photo(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = (int) (127 + 100 * Math.sin(x / 90.0) * Math.cos(y / 70.0));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
