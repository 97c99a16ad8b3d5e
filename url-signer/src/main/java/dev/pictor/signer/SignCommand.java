package dev.pictor.signer;

import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar url-signer.jar --key KEY [--expires YYYYMMDDTHHmmssZ | --expires-in SECONDS] PATH}: prints the
 * path signed in both schemes. PATH is written as it will be requested (percent-encoded), with or without a query.
 */
public final class SignCommand {

    private SignCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String key = null;
        String expires = null;
        String path = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--key" -> {
                    key = value;
                    i++;
                }
                case "--expires" -> {
                    expires = value;
                    i++;
                }
                case "--expires-in" -> {
                    expires = value == null ? null
                            : Expiry.format(Instant.now().plus(Duration.ofSeconds(Long.parseLong(value))));
                    i++;
                }
                default -> path = arg;
            }
        }
        if (key == null || key.isEmpty() || path == null || !path.startsWith("/")) {
            err.println("usage: java -jar url-signer.jar --key KEY [--expires YYYYMMDDTHHmmssZ | --expires-in SECONDS]"
                    + " /PATH[?QUERY]");
            return 2;
        }
        if (expires != null && Expiry.parse(expires).isEmpty()) {
            err.println("--expires must be YYYYMMDDTHHmmssZ, got " + expires);
            return 2;
        }
        int q = path.indexOf('?');
        String bare = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q + 1);
        Map<String, String> params = decode(query);
        if (expires != null) {
            params.put(QuerySigner.EXPIRES, expires);
            query = query.isEmpty() ? QuerySigner.EXPIRES + "=" + expires
                    : query + "&" + QuerySigner.EXPIRES + "=" + expires;
        }
        if (q < 0 && expires == null) {
            out.println("thumbor " + ThumborSigner.sign(key, bare));
        }
        String signature = QuerySigner.signature(key, QuerySigner.signedText(bare, params));
        out.println("query   " + bare + "?" + (query.isEmpty() ? "" : query + "&") + QuerySigner.SIGNATURE + "="
                + signature);
        return 0;
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
