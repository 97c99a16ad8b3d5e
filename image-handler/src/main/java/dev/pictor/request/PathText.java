package dev.pictor.request;

import dev.pictor.error.ImageException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decoding of the raw path and query text, with malformed escapes answered as 400. */
public final class PathText {

    private PathText() {
    }

    /** Percent-decodes a path; unlike a form, a '+' in a path is a plus sign. */
    public static String decodePath(String raw) {
        return decode(raw.replace("+", "%2B"), "path");
    }

    /** Query parameters in their order, decoded; a repeated name is an error, since which value wins is unclear. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query parameter name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query parameter " + name);
            if (params.putIfAbsent(name, value) != null) {
                throw ImageException.invalidParameter("query parameter '" + name + "' is given more than once");
            }
        }
        return params;
    }

    private static String decode(String text, String what) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ImageException.badRequest("MalformedUrl", "the " + what + " has a malformed percent escape");
        }
    }
}
