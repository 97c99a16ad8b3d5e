package dev.pictor.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An image's id: the first 16 bytes of SHA-256 over {@code <bucket>/<key>}, in URL-safe base64 without padding (22
 * characters of {@code A-Z a-z 0-9 - _}). The same original always has the same id, wherever it is computed, and the
 * id says nothing of the key it came from.
 */
public final class ImageIds {

    private ImageIds() {
    }

    public static String of(String bucket, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "/" + key).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether a text can be an id at all: anything else is not looked up. */
    public static boolean isWellFormed(String id) {
        return id.matches("[A-Za-z0-9_-]{22}");
    }
}
