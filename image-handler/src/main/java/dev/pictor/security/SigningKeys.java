package dev.pictor.security;

import java.util.List;

/** The signing keys in force. {@link #refresh()} is asked for when a signature fails, in case the keys rotated. */
public interface SigningKeys {

    List<String> current();

    /** Reloads the keys if that is possible and allowed now; answers whether they changed. */
    default boolean refresh() {
        return false;
    }

    static SigningKeys fixed(List<String> keys) {
        List<String> copy = List.copyOf(keys);
        return () -> copy;
    }
}
