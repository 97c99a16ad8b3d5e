package dev.pictor.signer;

import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;

/**
 * The Serverless Image Handler scheme: {@code ?signature=} is the lowercase hex HMAC-SHA256 of the path, followed,
 * when the URL has other query parameters, by {@code ?} and those parameters joined as {@code name=value&...}
 * ({@code signature} itself left out, {@code expires} included). A URL without other parameters is signed over its
 * path alone, as SIH 6 does. The order is SIH 7's: it sorts {@code [name, value]} pairs with JavaScript's default
 * sort, which compares them as the strings {@code "name,value"} by UTF-16 code unit, so a name that is a prefix of
 * another comes after it when the longer one goes on with a character below {@code ','} ({@code a+b} before
 * {@code a}).
 */
public final class QuerySigner {

    public static final String SIGNATURE = "signature";
    public static final String EXPIRES = "expires";

    private QuerySigner() {
    }

    /** The text that is signed; values as decoded from the URL. */
    public static String signedText(String path, Map<String, String> params) {
        StringBuilder text = new StringBuilder(path);
        String separator = "?";
        for (String[] param : params.entrySet().stream().filter(p -> !p.getKey().equals(SIGNATURE))
                .map(p -> new String[] {p.getKey(), p.getValue()})
                .sorted(Comparator.comparing((String[] p) -> p[0] + "," + p[1])).toList()) {
            text.append(separator).append(param[0]).append('=').append(param[1]);
            separator = "&";
        }
        return text.toString();
    }

    /**
     * {@code pathAndQuery} (percent-encoded, as it will be requested) with its signature appended as the last
     * parameter, in place of any it had.
     *
     * @throws IllegalArgumentException when the query holds an escape that is not one ({@code %zz})
     */
    public static String sign(String key, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : java.util.Arrays.stream(pathAndQuery.substring(q + 1).split("&"))
                .filter(pair -> !pair.equals(SIGNATURE) && !pair.startsWith(SIGNATURE + "="))
                .collect(java.util.stream.Collectors.joining("&"));
        return path + "?" + (query.isEmpty() ? "" : query + "&") + SIGNATURE + "="
                + signature(key, signedText(path, decode(query)));
    }

    /** A query's parameters, decoded as the server reads them. */
    static Map<String, String> decode(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8), eq < 0 ? ""
                    : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    public static String signature(String key, String signedText) {
        return HexFormat.of().formatHex(Hmac.of("HmacSHA256", key, signedText));
    }

    public static boolean verify(String key, String signature, String signedText) {
        return Hmac.same(signature(key, signedText), signature.toLowerCase(java.util.Locale.ROOT));
    }
}
