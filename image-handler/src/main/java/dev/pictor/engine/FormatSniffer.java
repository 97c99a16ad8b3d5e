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
        if (isSvg(data)) {
            return Optional.of(ImageFormat.SVG);
        }
        return Optional.empty();
    }

    /** How far into a file its root element may start: past an XML declaration, comments and a DOCTYPE. */
    private static final int SVG_PROLOGUE = 4096;

    /** An XML document whose root element is {@code svg}, in UTF-8 or ASCII (with or without a byte order mark). */
    private static boolean isSvg(byte[] data) {
        String text = new String(data, 0, Math.min(data.length, SVG_PROLOGUE), StandardCharsets.ISO_8859_1);
        int at = text.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        while (true) {
            at = skipSpace(text, at);
            if (text.startsWith("<?", at)) {
                at = after(text, at, "?>");
            } else if (text.startsWith("<!--", at)) {
                at = after(text, at, "-->");
            } else if (text.startsWith("<!DOCTYPE", at)) {
                int subset = text.indexOf('[', at);
                int close = text.indexOf('>', at);
                at = subset >= 0 && subset < close ? after(text, subset, "]>") : after(text, at, ">");
            } else {
                break;
            }
            if (at < 0) {
                return false;
            }
        }
        return text.startsWith("<svg", at) && text.length() > at + 4
                && (Character.isWhitespace(text.charAt(at + 4)) || text.charAt(at + 4) == '>'
                        || text.charAt(at + 4) == '/');
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The index after {@code end}'s next occurrence from {@code at}, or -1. */
    private static int after(String text, int at, String end) {
        int found = text.indexOf(end, at);
        return found < 0 ? -1 : found + end.length();
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }
}
