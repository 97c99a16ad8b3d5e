package dev.pictor.engine;

import dev.pictor.edit.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Tells an image's format from its first bytes, never from its name. */
public final class FormatSniffer {

    private FormatSniffer() {
    }

    public static Optional<ImageFormat> sniff(byte[] data) {
        if (data.length < 12) {
            return Optional.empty();
        }
        if ((data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if ((data[0] & 0xFF) == 0x89 && ascii(data, 1, 3).equals("PNG")) {
            return Optional.of(ImageFormat.PNG);
        }
        if (ascii(data, 0, 4).equals("GIF8")) {
            return Optional.of(ImageFormat.GIF);
        }
        if (ascii(data, 0, 4).equals("RIFF") && ascii(data, 8, 4).equals("WEBP")) {
            return Optional.of(ImageFormat.WEBP);
        }
        String tiff = ascii(data, 0, 4);
        if (tiff.equals("II*\0") || tiff.equals("MM\0*")) {
            return Optional.of(ImageFormat.TIFF);
        }
        if (ascii(data, 0, 2).equals("BM")) {
            return Optional.of(ImageFormat.BMP);
        }
        if (ascii(data, 4, 4).equals("ftyp")) {
            String brand = ascii(data, 8, 4);
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of(ImageFormat.AVIF);
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return Optional.of(ImageFormat.HEIF);
            }
        }
        return Optional.empty();
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }
}
