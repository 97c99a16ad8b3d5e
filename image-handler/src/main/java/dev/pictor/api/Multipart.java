package dev.pictor.api;

import dev.pictor.error.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts. The body is already in memory and bounded by
 * the caller; this only finds the boundaries, so a part is a slice, never a copy of more than itself. Written here
 * rather than taken from a library: the candidates (Commons FileUpload 2, Jakarta Mail) are servlet- or MIME-sized
 * for what is forty lines, and every class counts on a Lambda cold start.
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final int MAX_PARTS = 64;
    private static final int MAX_HEADERS = 8192;

    /** One part: its field name, the file name a browser gave (for files), its type and its bytes. */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    public static boolean isMultipart(Optional<String> contentType) {
        return contentType.map(t -> t.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")).orElse(false);
    }

    /** @throws ImageException 400 when the body is not well-formed multipart */
    public static List<Part> parse(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ImageException.badRequest("MalformedMultipart", "multipart/form-data needs a boundary parameter");
        }
        byte[] delimiter = ("--" + (m.group(1) != null ? m.group(1) : m.group(2))).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw malformed("no part boundary found");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + delimiter.length;
            if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts;
            }
            if (after + 2 > body.length || body[after] != '\r' || body[after + 1] != '\n') {
                throw malformed("a boundary is not followed by a line break");
            }
            int headersStart = after + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > MAX_HEADERS) {
                throw malformed("a part's headers do not end");
            }
            byte[] next = ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw malformed("the last part is not closed");
            }
            if (parts.size() == MAX_PARTS) {
                throw ImageException.badRequest("MalformedMultipart", "more than " + MAX_PARTS + " form fields");
            }
            parts.add(part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(body, headersEnd + 4, end)));
            at = end + 2;
        }
    }

    private static Part part(String headers, byte[] body) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-disposition")) {
                disposition = line.substring(colon + 1).trim();
            } else if (name.equals("content-type")) {
                type = line.substring(colon + 1).trim();
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw malformed("a part has no Content-Disposition: form-data");
        }
        Map<String, String> params = parameters(disposition);
        String field = params.get("name");
        String filename = params.get("filename");
        if (field == null) {
            throw malformed("a part has no name");
        }
        return new Part(field, Optional.ofNullable(filename), Optional.ofNullable(type), body);
    }

    /**
     * The {@code ; name=value} parameters of a Content-Disposition, values plain or quoted with backslash escapes;
     * read by hand, character by character, so that no header makes the reading slow or deep.
     */
    private static Map<String, String> parameters(String disposition) {
        Map<String, String> params = new HashMap<>();
        int i = disposition.indexOf(';');
        while (i >= 0 && i < disposition.length()) {
            int eq = disposition.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = disposition.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            while (j < disposition.length() && disposition.charAt(j) == ' ') {
                j++;
            }
            if (j < disposition.length() && disposition.charAt(j) == '"') {
                for (j++; j < disposition.length() && disposition.charAt(j) != '"'; j++) {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < disposition.length()) {
                        c = disposition.charAt(++j);
                    }
                    value.append(c);
                }
                i = disposition.indexOf(';', j);
            } else {
                int end = disposition.indexOf(';', j);
                value.append(disposition, j, end < 0 ? disposition.length() : end);
                i = end;
            }
            params.putIfAbsent(name, value.toString().strip());
        }
        return params;
    }

    private static ImageException malformed(String why) {
        return ImageException.badRequest("MalformedMultipart", "the multipart/form-data body is malformed: " + why);
    }

    /** Knuth-Morris-Pratt: linear in the body whatever it holds, so no body can make the search slow. */
    static int indexOf(byte[] data, byte[] pattern, int from) {
        int[] fallback = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
        for (int i = Math.max(0, from), k = 0; i < data.length; i++) {
            while (k > 0 && data[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (data[i] == pattern[k]) {
                k++;
            }
            if (k == pattern.length) {
                return i - pattern.length + 1;
            }
        }
        return -1;
    }
}
