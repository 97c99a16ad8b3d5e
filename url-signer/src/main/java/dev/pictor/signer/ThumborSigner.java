package dev.pictor.signer;

import java.util.Base64;

/**
 * Thumbor's scheme, as Thumbor and libthumbor compute it: HMAC-SHA1 over the path after the signature, exactly as
 * written (still percent-encoded, no leading slash), in URL-safe base64 with padding: {@code /<signature>/<path>}.
 */
public final class ThumborSigner {

    private ThumborSigner() {
    }

    /** The signature of {@code path}, which is everything after {@code /<signature>/}, exactly as written. */
    public static String signature(String key, String path) {
        return Base64.getUrlEncoder().encodeToString(Hmac.of("HmacSHA1", key,
                path.startsWith("/") ? path.substring(1) : path));
    }

    /** The signed URL path for {@code path} (with or without its leading slash, and without {@code /unsafe}). */
    public static String sign(String key, String path) {
        String bare = strip(path);
        return "/" + signature(key, bare) + "/" + bare;
    }

    /**
     * Whether {@code signature} signs {@code path} as received: nothing is taken off it first, so the signature of
     * {@code 10x10/a.png} does not also pass {@code /<signature>/unsafe/10x10/a.png}.
     */
    public static boolean verify(String key, String signature, String path) {
        return Hmac.same(signature(key, path), signature);
    }

    /** What a user asks to sign may carry {@code /unsafe}: signed URLs never do. */
    private static String strip(String path) {
        String bare = path.startsWith("/") ? path.substring(1) : path;
        return bare.startsWith("unsafe/") ? bare.substring("unsafe/".length()) : bare;
    }
}
