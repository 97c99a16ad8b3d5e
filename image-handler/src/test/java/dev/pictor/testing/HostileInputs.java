package dev.pictor.testing;

import dev.pictor.engine.java2d.PngBomb;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Files made to hurt an image server, generated here rather than downloaded: truncated and corrupted files of every
 * format, wrong names, empty files, decompression bombs (huge declared sizes, GIF frames larger than their screen,
 * animated WebP frames larger than they say, a progressive JPEG of thousands of scans), absurd EXIF, ICC profiles
 * that do not parse, thousands of animation frames.
 */
public final class HostileInputs {

    private HostileInputs() {
    }

    /** Each file by a name that says what it is. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String sample : new String[] {"bird.jpg", "dandelions.jpg", "mars-alpha.png", "forest.webp",
                "earth.gif", "ball.gif"}) {
            byte[] bytes = TestImages.sample(sample);
            String stem = sample.substring(0, sample.indexOf('.'));
            String ext = sample.substring(sample.indexOf('.'));
            files.put(stem + "-first-10-percent" + ext, Arrays.copyOf(bytes, bytes.length / 10));
            files.put(stem + "-first-half" + ext, Arrays.copyOf(bytes, bytes.length / 2));
            files.put(stem + "-header-only" + ext, Arrays.copyOf(bytes, Math.min(bytes.length, 40)));
            files.put(stem + "-scrambled-body" + ext, scramble(bytes));
        }
        files.put("fixture-ball-truncated.webp", Arrays.copyOf(TestImages.fixture("ball.webp"),
                TestImages.fixture("ball.webp").length / 3));
        files.put("avif-truncated.avif", Arrays.copyOf(TestImages.fixture("bird-320.avif"), 300));
        files.put("heic-truncated.heic", Arrays.copyOf(TestImages.fixture("bird-320.heic"), 300));
        files.put("a-jpeg-named.png", TestImages.sample("bird.jpg"));
        files.put("a-png-named.jpg", TestImages.sample("logo.png"));
        files.put("text-named.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        files.put("svg-malformed.svg", ("<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>"
                + "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]><text>&a;</text></svg>").getBytes(StandardCharsets.UTF_8));
        files.put("svg-100000x100000.svg", ("<svg xmlns='http://www.w3.org/2000/svg' width='100000' height='100000'>"
                + "<rect width='100000' height='100000'/></svg>").getBytes(StandardCharsets.UTF_8));
        files.put("svg-use-bomb.svg", TestImages.fixture("svg-use-bomb.svg"));
        files.put("svg-entity-bomb.svg", TestImages.fixture("svg-entities.svg"));
        files.put("empty.jpg", new byte[0]);
        files.put("png-50000x50000.png", PngBomb.of(50_000, 50_000));
        files.put("png-1x2000000000.png", PngBomb.of(1, 2_000_000_000));
        files.put("jpeg-declaring-65500x65500.jpg", jpegDeclaring(65_500, 65_500));
        files.put("jpeg-progressive-3000-scans.jpg", scanBomb(3000));
        files.put("gif-second-frame-46000x46000.gif", gifWithFrames(1, 1, new int[][] {{1, 1}, {46_000, 46_000}}));
        files.put("gif-screen-60000x60000.gif", gifWithFrames(60_000, 60_000, new int[][] {{1, 1}}));
        files.put("gif-5000-frames.gif", TestImages.tinyFramesGif(200, 200, 5000));
        files.put("webp-frame-says-1x1.webp", webpFrameDeclaring(TestImages.fixture("ball.webp"), 1, 1));
        files.put("webp-canvas-16383x16383.webp", webpCanvas(TestImages.fixture("ball.webp"), 16_383, 16_383));
        files.put("jpeg-exif-orientation-99.jpg", withApp1(TestImages.sample("bird.jpg"), exif(99, 1)));
        files.put("jpeg-exif-ifd-loop.jpg", withApp1(TestImages.sample("bird.jpg"), exif(6, 8)));
        files.put("jpeg-icc-garbage.jpg", withApp2Icc(TestImages.sample("bird.jpg")));
        return files;
    }

    private static byte[] scramble(byte[] bytes) {
        byte[] out = bytes.clone();
        java.util.Random random = new java.util.Random(7);
        for (int i = Math.min(out.length, 64); i < out.length; i += 97) {
            out[i] = (byte) random.nextInt();
        }
        return out;
    }

    /** A real JPEG whose SOF says it is much larger than its data. */
    private static byte[] jpegDeclaring(int width, int height) {
        byte[] jpeg = TestImages.sample("bird.jpg").clone();
        for (int i = 2; i + 9 < jpeg.length; ) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
            i += 2 + length;
        }
        throw new IllegalStateException("no SOF");
    }

    /** A small progressive JPEG whose last scan is repeated: every scan is another pass over the image. */
    private static byte[] scanBomb(int scans) {
        try {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, x * 4 << 16 | y * 4 << 8 | 128);
                }
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            byte[] jpeg = bytes.toByteArray();
            int lastScan = -1;
            for (int i = 0; i + 1 < jpeg.length; i++) {
                if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                    lastScan = i;
                }
            }
            int end = jpeg.length - 2;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(jpeg, 0, end);
            for (int i = 0; i < scans; i++) {
                out.write(jpeg, lastScan, end - lastScan);
            }
            out.write(jpeg, end, 2);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GIF of tiny bodies whose frames declare the given sizes. */
    private static byte[] gifWithFrames(int screenWidth, int screenHeight, int[][] frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) screenWidth, (byte) (screenWidth >> 8), (byte) screenHeight,
                (byte) (screenHeight >> 8), (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        for (int[] frame : frames) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0});
            out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, (byte) frame[0], (byte) (frame[0] >> 8), (byte) frame[1],
                    (byte) (frame[1] >> 8), 0, 2, 2, 0x44, 1, 0});
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    /** An animated WebP whose first ANMF frame header says another size than its bitstream holds. */
    private static byte[] webpFrameDeclaring(byte[] webp, int width, int height) {
        byte[] out = webp.clone();
        int anmf = indexOf(out, "ANMF");
        int body = anmf + 8;
        put24(out, body + 6, width - 1);
        put24(out, body + 9, height - 1);
        return out;
    }

    private static byte[] webpCanvas(byte[] webp, int width, int height) {
        byte[] out = webp.clone();
        put24(out, 24, width - 1);
        put24(out, 27, height - 1);
        return out;
    }

    /** A JPEG with an EXIF block inserted after its SOI. */
    private static byte[] withApp1(byte[] jpeg, byte[] exif) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        byte[] body = new byte[6 + exif.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, 6);
        System.arraycopy(exif, 0, body, 6, exif.length);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((body.length + 2) >> 8),
                (byte) (body.length + 2)});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A big-endian TIFF block: IFD0 with an orientation, and its next-IFD pointer at {@code next}. */
    private static byte[] exif(int orientation, int next) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        out.writeBytes(new byte[] {0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte) (orientation >> 8), (byte) orientation,
                0, 0, 0, 0, 0, 0, (byte) next});
        return out.toByteArray();
    }

    private static byte[] withApp2Icc(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        byte[] body = new byte[14 + 200];
        System.arraycopy("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, 12);
        body[12] = 1;
        body[13] = 1;
        Arrays.fill(body, 14, body.length, (byte) 0x5A);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) ((body.length + 2) >> 8),
                (byte) (body.length + 2)});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, String fourcc) {
        byte[] pattern = fourcc.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + fourcc);
    }

    private static void put24(byte[] data, int at, int value) {
        data[at] = (byte) value;
        data[at + 1] = (byte) (value >> 8);
        data[at + 2] = (byte) (value >> 16);
    }
}
