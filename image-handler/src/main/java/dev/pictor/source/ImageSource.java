package dev.pictor.source;

/** Where originals come from: a local folder, or S3. */
public interface ImageSource {

    /**
     * Reads one object whole.
     *
     * @param maxBytes objects larger than this are refused (413) without being read
     * @throws dev.pictor.error.ImageException 404 when there is no such object, 413 when it is too large
     */
    StoredObject get(String bucket, String key, long maxBytes);
}
