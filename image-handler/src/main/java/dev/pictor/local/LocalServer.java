package dev.pictor.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pictor.config.Config;
import dev.pictor.config.ConfigException;
import dev.pictor.config.Setting;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.http.Services;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service on a laptop: the JDK's HTTP server on 127.0.0.1, a virtual thread per request, and nothing else than
 * translating exchanges to and from the shared {@link ImageService}.
 */
public final class LocalServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LocalServer start(int port, ImageService service) throws IOException {
        // Headers and body leave in separate writes: with Nagle's algorithm on, a keep-alive client's delayed ACK
        // holds every response back by about 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, service));
        server.start();
        return new LocalServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void serve(HttpExchange exchange, ImageService service) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers);
            HttpResponse response = service.handle(request);
            response.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length")) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
            boolean head = request.method().equals("HEAD");
            // -1 tells the JDK server there is no body; HEAD must still announce the length a GET would have.
            long length = head ? -1 : response.body().length == 0 ? -1 : response.body().length;
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", response.headers().getOrDefault("Content-Length", "0"));
            }
            exchange.sendResponseHeaders(response.status(), length);
            if (!head && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help")) {
            printHelp();
            return;
        }
        Config config;
        try {
            config = Config.from(System.getenv(), args);
        } catch (ConfigException e) {
            System.err.println("pictor: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        LocalServer server = start(config.port(), Services.create(config));
        String base = "http://localhost:" + server.port();
        System.out.println("Pictor is serving " + config.imagesDir().map(Object::toString).orElse("the bundled samples")
                + " (buckets " + config.sourceBuckets() + ") on " + base + "/");
        System.out.println("  try " + base + "/unsafe/500x500/filters:grayscale()/dandelions.jpg");
        System.out.println("  and " + base + "/dandelions.jpg?width=300&height=200&format=webp");
    }

    private static void printHelp() {
        System.out.println("Usage: java -jar image-handler.jar [--flag value ...]");
        System.out.println("Each flag overrides the environment variable of the same setting.");
        for (Setting setting : Setting.values()) {
            System.out.printf("  %-22s %-20s %s (default: %s)%n", setting.flag(), setting.name(),
                    setting.description(), setting.defaultValue().isEmpty() ? "none" : setting.defaultValue());
        }
    }
}
