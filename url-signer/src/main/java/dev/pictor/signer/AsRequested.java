package dev.pictor.signer;

import java.nio.charset.StandardCharsets;

/**
 * A path (and query) as a browser will request it: what a URL cannot hold raw (a space, a quote, non-ASCII text, ...)
 * percent-encoded as the WHATWG URL standard encodes it, so that the signature covers what the server receives.
 * {@code %xx} already there is kept, a {@code %} starting none becomes {@code %25}; {@code |} and {@code ^} stay raw,
 * as browsers send them.
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
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            // A % that does not start an escape stands for itself, as %25.
            boolean strayPercent = c == '%' && !(i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]));
            if (c < 0x20 || c >= 0x7f || set.indexOf(c) >= 0 || strayPercent) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static boolean hex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
