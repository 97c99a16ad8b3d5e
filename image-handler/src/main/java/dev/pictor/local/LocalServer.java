package dev.pictor.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pictor.api.ApiService;
import dev.pictor.config.Config;
import dev.pictor.config.ConfigException;
import dev.pictor.config.Setting;
import dev.pictor.demo.DemoSite;
import dev.pictor.error.ImageException;
import dev.pictor.http.ErrorResponses;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.telemetry.Logs;
import dev.pictor.wiring.Services;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.variants.UploadProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service on a laptop: the JDK's HTTP server on 127.0.0.1, a virtual thread per request, image URLs at the root
 * and the REST API under {@code /api}, and nothing else than translating exchanges to and from the shared services.
 */
public final class LocalServer implements AutoCloseable {

    /** Where the REST API is mounted; its paths below are those API Gateway serves at its stage's root. */
    public static final String API = "/api";
    /** Room for a multipart envelope around the largest original. */
    private static final long FORM_OVERHEAD = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<AutoCloseable> parts;

    private LocalServer(HttpServer server, ExecutorService executor, List<AutoCloseable> parts) {
        this.server = server;
        this.executor = executor;
        this.parts = parts;
    }

    public static LocalServer start(int port, ImageService service) throws IOException {
        return start(port, service, Optional.empty(), Optional.empty(), 0, List.of());
    }

    /**
     * @param api      the REST API, under {@link #API}
     * @param demo     the demo page, at {@code /} and under {@link DemoSite#ROOT}
     * @param maxBody  the largest request body read (larger ones are answered 413 unread)
     * @param parts    closed with the server (the upload watcher)
     */
    public static LocalServer start(int port, ImageService images, Optional<ApiService> api,
                                    Optional<DemoSite> demo, long maxBody, List<AutoCloseable> parts)
            throws IOException {
        // Headers and body leave in separate writes: with Nagle's algorithm on, a keep-alive client's delayed ACK
        // holds every response back by about 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, request -> route(request, images, api, demo),
                maxBody));
        server.start();
        return new LocalServer(server, executor, parts);
    }

    private static HttpResponse route(HttpRequest request, ImageService images, Optional<ApiService> api,
                                      Optional<DemoSite> demo) {
        Optional<HttpResponse> page = demo.flatMap(site -> site.handle(request));
        if (page.isPresent()) {
            return page.get();
        }
        String path = request.rawPath();
        if (api.isPresent() && (path.equals(API) || path.startsWith(API + "/"))) {
            return api.get().handle(new HttpRequest(request.method(), path.substring(API.length()),
                    request.rawQuery(), request.headers(), request.body()), API);
        }
        return images.handle(request);
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
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.getLogger(LocalServer.class.getName()).log(System.Logger.Level.DEBUG, "closing " + part, e);
            }
        }
    }

    private static void serve(HttpExchange exchange, java.util.function.Function<HttpRequest, HttpResponse> handler,
                              long maxBody) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            String method = exchange.getRequestMethod();
            HttpResponse response;
            Optional<byte[]> body;
            try {
                body = body(exchange, maxBody);
            } catch (IOException e) {
                // A malformed chunked body, or a client gone: answered if it still listens, never left hanging.
                exchange.getResponseHeaders().set("Connection", "close");
                send(exchange, false, ErrorResponses.of(ImageException.badRequest("MalformedBody",
                        "the request body could not be read"), 0));
                return;
            }
            if (body.isEmpty()) {
                response = ErrorResponses.of(ImageException.tooLarge("BodyTooLarge", "the request body is over the "
                        + "limit of " + maxBody + " bytes"), 0);
                // The rest of the body is never read: this connection cannot carry another request.
                exchange.getResponseHeaders().set("Connection", "close");
            } else {
                response = handler.apply(new HttpRequest(method, exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body.get()));
            }
            send(exchange, method.equalsIgnoreCase("HEAD"), response);
        }
    }

    /** The body, when it is within the limit; GET and HEAD have none worth reading. */
    private static Optional<byte[]> body(HttpExchange exchange, long maxBody) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")) {
            return Optional.of(new byte[0]);
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > maxBody) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            return bytes.length > maxBody ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static void send(HttpExchange exchange, boolean head, HttpResponse response) throws IOException {
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().set(name, value);
            }
        });
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

    public static void main(String[] args) throws IOException {
        List<String> flags = new ArrayList<>(List.of(args));
        if (flags.contains("--help")) {
            printHelp();
            return;
        }
        boolean pregenerate = flags.remove("--pregenerate");
        Config config;
        Services.Parts parts;
        try {
            config = config(flags.toArray(String[]::new));
            // Readable lines on a terminal; JSON lines when the output is collected (a container, a CI log).
            Logs.configure(config.logLevel(), Logs.onTerminal());
            parts = Services.parts(config);
        } catch (ConfigException e) {
            System.err.println("pictor: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        UploadProcessor uploads = Services.uploadProcessor(parts);
        if (pregenerate) {
            System.exit(Pregenerate.run(parts.store(), config.defaultBucket(), uploads, System.err));
            return;
        }
        List<AutoCloseable> closing = new ArrayList<>();
        parts.accessStats().ifPresent(closing::add);
        Optional<UploadWatcher> watcher = Optional.empty();
        if (config.watchUploads() && parts.store() instanceof LocalFolderStore folder) {
            watcher = Optional.of(new UploadWatcher(folder, config.defaultBucket(), uploads));
            closing.add(watcher.get());
        }
        ApiService api = Services.api(parts, uploads);
        DemoSite demo = new DemoSite(parts.store(), config.defaultBucket(), config.watermark(),
                config.demoSigning() ? config.securityKeys().stream().findFirst() : Optional.empty(), API);
        LocalServer server = start(config.port(), Services.imageService(parts), Optional.of(api), Optional.of(demo),
                config.maxSourceBytes() + FORM_OVERHEAD, closing);
        banner(config, parts, "http://localhost:" + server.port(), watcher);
    }

    /**
     * The configuration of the environment and flags; with neither a folder nor S3 named, the bundled samples in a
     * folder that outlives the server, so that uploads and their variants stay across restarts.
     */
    private static Config config(String[] flags) {
        Config config = Config.from(System.getenv(), flags);
        if (config.imagesDir().isPresent() || config.s3Endpoint().isPresent()) {
            return config;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Setting.IMAGES_DIR.name(), BundledSamples.unpackInto(BundledSamples.localFolder(env)).toString());
        return Config.from(env, flags);
    }

    /** What is served where, and URLs to try that answer with this configuration. */
    private static void banner(Config config, Services.Parts parts, String base, Optional<UploadWatcher> watcher) {
        System.out.println("Pictor is serving " + config.imagesDir().map(Object::toString)
                .or(() -> config.s3Endpoint()).orElse("S3") + " (buckets " + config.sourceBuckets() + ") on " + base + "/");
        System.out.println("  the demo page: " + base + "/");
        // The sample URLs only where they answer: the samples are there, and URLs need no signature.
        boolean samples = parts.store() instanceof LocalFolderStore folder
                && Files.exists(folder.root().resolve(config.defaultBucket()).resolve("dandelions.jpg"));
        if (samples && config.securityKeys().isEmpty() && config.secretsManagerId().isEmpty()) {
            System.out.println("  try " + base + "/unsafe/500x500/filters:grayscale()/dandelions.jpg");
            System.out.println("  and " + base + "/dandelions.jpg?width=300&height=200&format=webp");
        } else if (config.securityKeys().isEmpty() && config.secretsManagerId().isEmpty()) {
            System.out.println("  try " + base + "/<key in " + config.defaultBucket() + ">?width=300");
        } else {
            System.out.println("  URLs must be signed: bin/sign --key <key> '/300x200/<key>'");
        }
        System.out.println("  upload: curl -F file=@photo.jpg " + base + API + "/upload");
        watcher.ifPresent(w -> System.out.println("  or drop images into " + w.folder() + " for their variants in "
                + config.processedBucket() + "/" + UploadProcessor.PROCESSED));
    }

    private static void printHelp() {
        System.out.println("Usage: java -jar image-handler.jar [--flag value ...] [--pregenerate]");
        System.out.println("Each flag overrides the environment variable of the same setting.");
        System.out.println("  --pregenerate          makes the variants of every upload already there, then exits");
        for (Setting setting : Setting.values()) {
            System.out.printf("  %-22s %-20s %s (default: %s)%n", setting.flag(), setting.name(),
                    setting.description(), setting.defaultValue().isEmpty() ? "none" : setting.defaultValue());
        }
    }
}
