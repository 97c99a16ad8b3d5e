package dev.pictor.engine.java2d;

import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.List;

/**
 * A GIF's block structure, walked without decoding a pixel: the logical screen, and every frame's declared rectangle.
 * Each frame is decoded at the size it declares, so every one is checked before any is decoded.
 */
final class GifBlocks {

    /** The logical screen and the frames' rectangles, in order. */
    record Layout(int screenWidth, int screenHeight, List<int[]> frames) {
    }

    private GifBlocks() {
    }

    static Layout read(byte[] gif) {
        if (gif.length < 13) {
            throw corrupt("it is shorter than a GIF header");
        }
        int screenWidth = u16(gif, 6);
        int screenHeight = u16(gif, 8);
        int at = 13 + colourTable(gif[10]);
        List<int[]> frames = new ArrayList<>();
        while (at < gif.length) {
            int block = gif[at] & 0xFF;
            if (block == 0x3B) {
                break;
            } else if (block == 0x21) {
                at = subBlocks(gif, at + 2);
            } else if (block == 0x2C) {
                if (at + 10 > gif.length) {
                    break;
                }
                frames.add(new int[] {u16(gif, at + 1), u16(gif, at + 3), u16(gif, at + 5), u16(gif, at + 7)});
                at = subBlocks(gif, at + 10 + colourTable(gif[at + 9]) + 1);
            } else {
                // Past what a GIF may hold: what came before is all there is (decoders stop here too).
                break;
            }
        }
        return new Layout(screenWidth, screenHeight, frames);
    }

    /**
     * The GIF's size for the pixel limits, after checking every frame: the larger of the screen and the first frame
     * (frames are laid on the screen), and no frame larger than that.
     */
    static int[] canvas(Layout layout) {
        if (layout.frames().isEmpty()) {
            throw corrupt("it holds no frame");
        }
        int[] first = layout.frames().getFirst();
        int width = Math.max(layout.screenWidth(), first[2]);
        int height = Math.max(layout.screenHeight(), first[3]);
        if (width < 1 || height < 1) {
            throw corrupt("its size is " + width + "x" + height);
        }
        for (int i = 0; i < layout.frames().size(); i++) {
            int[] frame = layout.frames().get(i);
            if (frame[2] > width || frame[3] > height) {
                throw corrupt("frame " + (i + 1) + " is " + frame[2] + "x" + frame[3] + ", larger than its "
                        + width + "x" + height + " screen");
            }
        }
        return new int[] {width, height};
    }

    private static int colourTable(byte flags) {
        return (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;
    }

    /** Skips a run of data sub-blocks (length byte, data), ending at the zero-length one. */
    private static int subBlocks(byte[] gif, int at) {
        while (at < gif.length) {
            int size = gif[at] & 0xFF;
            at += 1 + size;
            if (size == 0) {
                break;
            }
        }
        return at;
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
    }

    private static ImageException corrupt(String why) {
        return ImageException.unsupported("CorruptImage", "the GIF cannot be read safely: " + why);
    }
}
