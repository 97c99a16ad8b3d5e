package dev.pictor.signer;

import java.nio.charset.StandardCharsets;

/**
 * A path (and query) as a browser will request it: what a URL cannot hold raw (a space, a quote, non-ASCII text, ...)
 * percent-encoded as the WHATWG URL standard encodes it, so that the signature covers what the server receives.
 * {@code %xx} already there is kept; {@code |} and {@code ^} stay raw, as browsers send them.
 */
public final class AsRequested {

    private static final String PATH_SET = " \"#<>?`{}";
    private static final String QUERY_SET = " \"#<>";

    private AsRequested() {
    }

    public static String encode(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        return q < 0 ? encode(path, PATH_SET) : encode(path, PATH_SET) + "?"
                + encode(pathAndQuery.substring(q + 1), QUERY_SET);
    }

    private static String encode(String text, String set) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x20 || c >= 0x7f || set.indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
