package dev.pictor.api;

import dev.pictor.edit.ImageFormat;
import dev.pictor.variants.UploadProcessor;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The key an upload is stored under: {@code uploads/} and the file name the client gave, reduced to its last path
 * segment without control characters, unpaired surrogates or leading dots, with the format's extension when it has
 * none. A taken key gets {@code -2}, {@code -3}, or random digits before its extension: an upload never replaces an
 * original.
 */
final class UploadNames {

    private static final int MAX_NAME = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadNames() {
    }

    static String base(String filename, ImageFormat format) {
        String name = Normalizer.normalize(filename, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Cf}]", "").strip().replaceFirst("^\\.+", "");
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

    /**
     * The keys an upload may take, in order: the name itself, {@code name-2.ext}, {@code name-3.ext}, then three with
     * eight random hex digits, which no common name (image.jpg, blob) exhausts.
     */
    static List<String> candidates(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        String stem = dot > slash + 1 ? key.substring(0, dot) : key;
        String extension = dot > slash + 1 ? key.substring(dot) : "";
        List<String> keys = new ArrayList<>(List.of(key, stem + "-2" + extension, stem + "-3" + extension));
        for (int i = 0; i < 3; i++) {
            keys.add(stem + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + extension);
        }
        return keys;
    }
}
