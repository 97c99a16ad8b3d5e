package dev.pictor.local;

import dev.pictor.error.ImageException;
import dev.pictor.http.ErrorResponses;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * The local server answers this machine's own pages and tools. What writes or signs (every method but GET, HEAD and
 * OPTIONS) is refused when another site's page asks ({@code Sec-Fetch-Site: cross-site}: a form posted from the web)
 * or when the Host is not a loopback name (a DNS-rebound page, whose requests look same-origin to the browser).
 */
final class LocalOnly {

    private LocalOnly() {
    }

    static Optional<HttpResponse> refuse(HttpRequest request) {
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Optional.empty();
        }
        if (request.header("Sec-Fetch-Site").filter(site -> site.equalsIgnoreCase("cross-site")).isPresent()) {
            return Optional.of(refused("another site's page may not " + method + " to this local server"));
        }
        String host = request.header("Host").orElse("localhost").toLowerCase(Locale.ROOT);
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (!name.equals("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
            return Optional.of(refused("this local server answers " + method + " for localhost only, not " + name));
        }
        return Optional.empty();
    }

    private static HttpResponse refused(String message) {
        return ErrorResponses.of(ImageException.forbidden("LocalOnly", message), 0);
    }
}
