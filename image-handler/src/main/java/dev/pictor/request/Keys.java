package dev.pictor.request;

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
            throw ImageException.badRequest("InvalidKey", "remote image URLs are not supported: name a key in a bucket");
        }
        return key;
    }

    public static String requireBucketName(String bucket) {
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,62}")) {
            throw ImageException.badRequest("InvalidBucket", "the bucket name '" + bucket + "' is not valid");
        }
        return bucket;
    }
}
