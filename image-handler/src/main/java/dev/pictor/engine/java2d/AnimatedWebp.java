package dev.pictor.engine.java2d;

import dev.pictor.error.ImageException;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Animated WebP read as whole frames. The container's chunks (VP8X canvas, ANIM loop count, one ANMF per frame with
 * its offset, duration, blending and disposal) are read here; each frame's pixels come from TwelveMonkeys' WebP
 * reader, which decodes the frames but does not place them.
 */
final class AnimatedWebp {

    /** One ANMF chunk: where the frame goes, for how long, and how it meets the canvas. */
    record Placement(int x, int y, int width, int height, int millis, boolean disposeToBackground, boolean blend) {
    }

    /** The canvas and its frames, when the file is an animation. */
    record Layout(int width, int height, int loops, List<Placement> frames) {

        /** The same canvas with its first frame only. */
        Layout first() {
            return new Layout(width, height, loops, frames.subList(0, 1));
        }
    }

    private AnimatedWebp() {
    }

    /** The animation's layout, or empty for a still WebP (or anything that is not a well-formed animation). */
    static Optional<Layout> layout(byte[] data) {
        if (data.length < 30 || !ascii(data, 0).equals("RIFF") || !ascii(data, 8).equals("WEBP")
                || !ascii(data, 12).equals("VP8X") || (data[20] & 0x02) == 0) {
            return Optional.empty();
        }
        int width = uint24(data, 24) + 1;
        int height = uint24(data, 27) + 1;
        int loops = 0;
        List<Placement> frames = new ArrayList<>();
        int at = 12;
        while (at + 8 <= data.length) {
            String fourcc = ascii(data, at);
            long size = uint32(data, at + 4);
            int body = at + 8;
            if (size < 0 || body + size > data.length) {
                break;
            }
            if (fourcc.equals("ANIM") && size >= 6) {
                loops = (data[body + 4] & 0xFF) | (data[body + 5] & 0xFF) << 8;
            } else if (fourcc.equals("ANMF") && size >= 16) {
                int flags = data[body + 15] & 0xFF;
                Placement frame = new Placement(uint24(data, body) * 2, uint24(data, body + 3) * 2,
                        uint24(data, body + 6) + 1, uint24(data, body + 9) + 1, uint24(data, body + 12),
                        (flags & 0x01) != 0, (flags & 0x02) == 0);
                check(frame, frames.size() + 1, width, height, bitstream(data, body + 16, body + (int) size));
                frames.add(frame);
            }
            at = body + (int) size + (int) (size & 1);
        }
        return frames.isEmpty() ? Optional.empty() : Optional.of(new Layout(width, height, loops, frames));
    }

    /**
     * Every frame inside the canvas, and its bitstream the size its header says: the pixel limits are checked against
     * the headers, and the decoder allocates what the bitstream says.
     */
    private static void check(Placement frame, int number, int width, int height, int[] bitstream) {
        if ((long) frame.x() + frame.width() > width || (long) frame.y() + frame.height() > height) {
            throw corrupt("frame " + number + " lies outside the " + width + "x" + height + " canvas");
        }
        if (bitstream[0] != frame.width() || bitstream[1] != frame.height()) {
            throw corrupt("frame " + number + " says " + frame.width() + "x" + frame.height() + " but holds "
                    + bitstream[0] + "x" + bitstream[1] + " pixels");
        }
    }

    /** The size a frame's VP8 or VP8L bitstream declares (an ALPH chunk may come first); 0x0 when there is none. */
    private static int[] bitstream(byte[] data, int at, int end) {
        while (at + 8 <= end) {
            String fourcc = ascii(data, at);
            long size = uint32(data, at + 4);
            int body = at + 8;
            if (size < 0 || body + size > end) {
                break;
            }
            if (fourcc.equals("VP8 ") && size >= 10) {
                return new int[] {((data[body + 6] & 0xFF) | (data[body + 7] & 0xFF) << 8) & 0x3FFF,
                        ((data[body + 8] & 0xFF) | (data[body + 9] & 0xFF) << 8) & 0x3FFF};
            }
            if (fourcc.equals("VP8L") && size >= 5 && (data[body] & 0xFF) == 0x2F) {
                long bits = uint32(data, body + 1);
                return new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1};
            }
            at = body + (int) size + (int) (size & 1);
        }
        return new int[] {0, 0};
    }

    private static ImageException corrupt(String why) {
        return ImageException.unsupported("CorruptImage", "the animated WebP cannot be read safely: " + why);
    }

    static Animation.Frames read(byte[] data, Layout layout) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = frameReader(in);
            try {
                reader.setInput(in, false, true);
                BufferedImage canvas = Images.create(layout.width(), layout.height(), true);
                List<Animation.Frame> frames = new ArrayList<>();
                for (int i = 0; i < layout.frames().size(); i++) {
                    Placement p = layout.frames().get(i);
                    Graphics2D g = canvas.createGraphics();
                    g.setComposite(p.blend() ? AlphaComposite.SrcOver : AlphaComposite.Src);
                    g.drawImage(reader.read(i), p.x(), p.y(), null);
                    g.dispose();
                    frames.add(new Animation.Frame(Animation.copy(canvas), Math.max(1, p.millis() / 10)));
                    if (p.disposeToBackground()) {
                        Graphics2D clear = canvas.createGraphics();
                        clear.setComposite(AlphaComposite.Clear);
                        clear.fillRect(p.x(), p.y(), p.width(), p.height());
                        clear.dispose();
                    }
                }
                return new Animation.Frames(frames, layout.loops());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageException.Kind.UNSUPPORTED_MEDIA, "CorruptImage",
                    "the animated WebP could not be decoded", e);
        }
    }

    /** TwelveMonkeys' reader, which reads every frame (libwebp's ImageIO plugin reads the first only). */
    private static ImageReader frameReader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader fallback = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().startsWith("com.twelvemonkeys")) {
                return reader;
            }
            fallback = fallback == null ? reader : fallback;
        }
        if (fallback == null) {
            throw ImageException.unsupported("UnsupportedFormat", "no WebP decoder");
        }
        return fallback;
    }

    private static String ascii(byte[] data, int at) {
        return new String(data, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static int uint24(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16;
    }

    private static long uint32(byte[] data, int at) {
        return uint24(data, at) | (long) (data[at + 3] & 0xFF) << 24;
    }
}
