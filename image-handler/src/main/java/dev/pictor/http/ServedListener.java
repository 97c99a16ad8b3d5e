package dev.pictor.http;

/**
 * Told of every original read to answer a request (whatever the answer), for access statistics. It is
 * called on the response path, so it must return at once.
 */
@FunctionalInterface
public interface ServedListener {

    ServedListener NONE = (bucket, key) -> { };

    void served(String bucket, String key);
}
