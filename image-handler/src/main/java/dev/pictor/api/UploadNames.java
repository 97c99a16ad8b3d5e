package dev.pictor.api;

import dev.pictor.edit.ImageFormat;
import dev.pictor.variants.UploadProcessor;
import java.text.Normalizer;

/**
 * The key an upload is stored under: {@code uploads/} and the file name the client gave, reduced to its last path
 * segment without control characters or leading dots, with the format's extension when it has none. A taken key gets
 * {@code -2}, {@code -3}, ... before its extension: an upload never replaces an original.
 */
final class UploadNames {

    private static final int MAX_NAME = 200;

    private UploadNames() {
    }

    static String base(String filename, ImageFormat format) {
        String name = Normalizer.normalize(filename, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "").strip().replaceFirst("^\\.+", "");
        if (name.length() > MAX_NAME) {
            name = name.substring(name.length() - MAX_NAME);
        }
        int dot = name.lastIndexOf('.');
        if (name.isEmpty() || dot == 0) {
            name = "upload" + name;
        }
        if (name.lastIndexOf('.') < 0) {
            name += "." + format.extension();
        }
        return UploadProcessor.UPLOADS + name;
    }

    /** The n-th candidate for a base key: the key itself, then {@code name-2.ext}, {@code name-3.ext}, ... */
    static String candidate(String key, int n) {
        if (n == 1) {
            return key;
        }
        int dot = key.lastIndexOf('.');
        return key.substring(0, dot) + "-" + n + key.substring(dot);
    }
}
