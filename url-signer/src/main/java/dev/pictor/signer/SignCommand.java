package dev.pictor.signer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code java -jar url-signer.jar --key KEY [--expires YYYYMMDDTHHmmssZ | --expires-in SECONDS] PATH}: prints the
 * path signed in both schemes. PATH may have a query; what a URL cannot hold raw (a space, non-ASCII text) is
 * percent-encoded, and the encoded form signed, since that is what the server receives.
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
        if (path != null && !path.isEmpty() && !path.startsWith("/")) {
            // As libthumbor users write paths: 300x200/smart/a.jpg.
            path = "/" + path;
        }
        if (key == null || key.isEmpty() || path == null || path.isEmpty()) {
            err.println("usage: java -jar url-signer.jar --key KEY [--expires YYYYMMDDTHHmmssZ | --expires-in SECONDS]"
                    + " /PATH[?QUERY]");
            return 2;
        }
        if (expires != null && Expiry.parse(expires).isEmpty()) {
            err.println("--expires must be YYYYMMDDTHHmmssZ, got " + expires);
            return 2;
        }
        // Signed as it will be requested: what a URL cannot hold raw is percent-encoded first.
        path = AsRequested.encode(path);
        if (expires != null) {
            path = path + (path.contains("?") ? "&" : "?") + QuerySigner.EXPIRES + "=" + expires;
        } else if (!path.contains("?")) {
            out.println("thumbor " + ThumborSigner.sign(key, path));
        }
        out.println("query   " + QuerySigner.sign(key, path));
        return 0;
    }
}
