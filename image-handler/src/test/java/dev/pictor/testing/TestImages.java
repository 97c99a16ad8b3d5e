package dev.pictor.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Loading fixtures and decoding results in tests, and the full-size photos when ../shared is beside the clone. */
public final class TestImages {

    private TestImages() {
    }

    /** A bundled sample by name, for example {@code dandelions.jpg}. */
    public static byte[] sample(String name) {
        return resource("/samples/images/" + name);
    }

    public static byte[] fixture(String name) {
        return resource("/fixtures/" + name);
    }

    public static byte[] resource(String path) {
        try (InputStream in = TestImages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of the bundled samples as a source root (its top-level folder "images" is the bucket). */
    public static Path samplesRoot() {
        return Path.of("src/main/resources/samples").toAbsolutePath();
    }

    /** The full-size photos of ../shared/testimages, when present (a user's clone has none). */
    public static Optional<Path> sharedPhotos() {
        for (Path candidate : new Path[] {Path.of("../../shared/testimages"), Path.of("../shared/testimages")}) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * A GIF of {@code frames} one-pixel frames on a {@code width x height} screen: a few dozen bytes whose every frame
     * is as large as the screen.
     */
    public static byte[] tinyFramesGif(int width, int height, int frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8),
                (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0});
            out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0});
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    /** How many images a file holds: an animation's frames. */
    public static int frames(byte[] bytes) {
        int most = 0;
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            // Readers differ: libwebp's plugin sees an animated WebP's first frame only, TwelveMonkeys' all of them.
            for (var readers = ImageIO.getImageReaders(in); readers.hasNext(); ) {
                javax.imageio.ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in);
                    most = Math.max(most, reader.getNumImages(true));
                } catch (IOException e) {
                    // another reader may know better
                } finally {
                    reader.dispose();
                }
            }
            return most;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first image, by the first ImageIO reader that can read it (libwebp's cannot read animated WebP). */
    public static BufferedImage decode(byte[] bytes) {
        IOException last = null;
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            for (var readers = ImageIO.getImageReaders(in); readers.hasNext(); ) {
                javax.imageio.ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in);
                    return reader.read(0);
                } catch (IOException e) {
                    last = e;
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last != null) {
            throw new UncheckedIOException(last);
        }
        throw new IllegalArgumentException("not an image ImageIO can read");
    }
}
