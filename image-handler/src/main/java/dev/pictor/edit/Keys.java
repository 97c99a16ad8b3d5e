package dev.pictor.edit;

import dev.pictor.error.ImageException;

/**
 * What an image key may look like. Keys name objects in a bucket; one that could climb out of a folder is refused
 * here, before any storage sees it (the local folder checks the resolved path again).
 */
public final class Keys {

    private static final int MAX_LENGTH = 1024;

    private Keys() {
    }

    public static String requireSafe(String key) {
        if (key.isEmpty()) {
            throw ImageException.badRequest("MissingKey", "the URL names no image");
        }
        if (key.length() > MAX_LENGTH) {
            throw ImageException.badRequest("InvalidKey", "the image key is longer than " + MAX_LENGTH + " characters");
        }
        if (key.startsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0 || key.matches("^[A-Za-z]:.*")) {
            throw ImageException.badRequest("InvalidKey", "the image key must be a relative path without backslashes");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw ImageException.badRequest("InvalidKey", "the image key must not contain '.' or '..' segments");
            }
        }
        if (key.startsWith("http:") || key.startsWith("https:")) {
            throw ImageException.badRequest("InvalidKey", "remote image URLs are read from Thumbor paths only "
                    + "(/unsafe/.../https://host/a.jpg, or signed): name a key in a bucket");
        }
        return key;
    }

    /** Longest remote image URL read; longer ones are refused before any fetch. */
    private static final int MAX_URL_LENGTH = 2048;

    /**
     * A key, or an image URL as Thumbor's HTTP loader reads one ({@code https://host/a.jpg}, or {@code https:/host/a.jpg}
     * where a proxy merged the slashes). Whether remote images are served at all is the source's to decide.
     */
    public static String requireSafeOrRemote(String key) {
        java.util.regex.Matcher url = REMOTE.matcher(key);
        if (!url.matches()) {
            return requireSafe(key);
        }
        if (url.group(2).length() > 2 || url.group(3).isEmpty()) {
            throw ImageException.badRequest("InvalidRemoteUrl", "the image URL names no host");
        }
        String normalised = url.group(1).toLowerCase(java.util.Locale.ROOT) + "://" + url.group(3);
        if (normalised.length() > MAX_URL_LENGTH) {
            throw ImageException.badRequest("InvalidRemoteUrl", "the image URL is longer than " + MAX_URL_LENGTH
                    + " characters");
        }
        try {
            java.net.URI uri = new java.net.URI(normalised);
            if (uri.getHost() == null) {
                throw ImageException.badRequest("InvalidRemoteUrl", "the image URL names no host");
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw ImageException.badRequest("InvalidRemoteUrl", "the image URL is not a valid URL: " + e.getReason());
        }
    }

    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile(
            "(?i)(https?):(/+)(.*)");

    /** Whether a key is a remote image URL (as {@link #requireSafeOrRemote} returns them). */
    public static boolean isRemote(String key) {
        return key.startsWith("http://") || key.startsWith("https://");
    }

    public static String requireBucketName(String bucket) {
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,62}")) {
            throw ImageException.badRequest("InvalidBucket", "the bucket name '" + bucket + "' is not valid");
        }
        return bucket;
    }
}
