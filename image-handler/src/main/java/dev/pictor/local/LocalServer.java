package dev.pictor.local;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The service on a laptop: Jetty's HTTP server on 127.0.0.1, a virtual thread per request, image URLs at the root
 * and the REST API under {@code /api}, and nothing else than translating exchanges to and from the shared services.
 */
public final class LocalServer implements AutoCloseable {

    /** Where the REST API is mounted; its paths below are those API Gateway serves at its stage's root. */
    public static final String API = "/api";
    /** Requests at once: far more than a laptop serves, so that slow clients cannot hold every turn. */
    private static final int MAX_REQUESTS = 10_000;
    /** Room for a multipart envelope around the largest original. */
    private static final long FORM_OVERHEAD = 1 << 20;

    private final Server server;
    private final ServerConnector connector;
    private final List<AutoCloseable> parts;

    private LocalServer(Server server, ServerConnector connector, List<AutoCloseable> parts) {
        this.server = server;
        this.connector = connector;
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
        // A virtual thread per request: a render blocks its thread, and a slow client holds no platform thread. The
        // pool's cap is far above what a laptop serves, so that slow clients cannot take every turn.
        VirtualThreadPool threads = new VirtualThreadPool(MAX_REQUESTS);
        threads.setMaxConcurrentTasks(MAX_REQUESTS);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // A body sent a byte a second holds its request open: below 1 KB/s, the connection is closed.
        http.setMinRequestDataRate(1024);
        // Request targets as browsers send them (a raw | in Thumbor's round_corner, {, ^, a path starting with //)
        // reach the service, whose parsers decide what is valid and answer with the usual JSON.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        BodyBudget bodies = BodyBudget.ofHeap();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    serve(request, response, callback, exchange -> route(exchange, images, api, demo), maxBody,
                            bodies);
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    // Never Jetty's error page, nor its log line with the URL (and its signature) in it.
                    if (!response.isCommitted()) {
                        send(response, callback, false, ErrorResponses.internal(e));
                    } else {
                        callback.failed(e);
                    }
                }
                return true;
            }
        });
        // Jetty's own error pages never answer: a request it cannot parse at all gets our JSON too.
        server.setErrorHandler((Request.Handler) (request, response, callback) -> {
            send(response, callback, false, transportError(request));
            return true;
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the local server could not start on port " + port + ": " + e.getMessage(), e);
        }
        return new LocalServer(server, connector, parts);
    }

    /** What Jetty refused before our handler ran, in our JSON, with its own status where it has one. */
    private static HttpResponse transportError(Request request) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : 400;
        return switch (status) {
            case 413 -> ErrorResponses.of(ImageException.tooLarge("RequestTooLarge", "the request is too large"), 0);
            case 414 -> ErrorResponses.of(new ImageException(ImageException.Kind.URI_TOO_LONG, "UriTooLong",
                    "the request's URL is too long"), 0);
            case 431 -> ErrorResponses.of(new ImageException(ImageException.Kind.HEADERS_TOO_LARGE,
                    "HeadersTooLarge", "the request's headers are too large"), 0);
            default -> status >= 500
                    ? ErrorResponses.internal(request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t
                            ? t : new IllegalStateException("the HTTP server failed: " + status))
                    : ErrorResponses.of(ImageException.badRequest("MalformedRequest",
                            "the request could not be read as HTTP"), 0);
        };
    }

    private static HttpResponse route(HttpRequest request, ImageService images, Optional<ApiService> api,
                                      Optional<DemoSite> demo) {
        Optional<HttpResponse> refused = LocalOnly.refuse(request);
        if (refused.isPresent()) {
            return refused.get();
        }
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
        return connector.getLocalPort();
    }

    /** Where the server listens, as its socket is bound. */
    public InetSocketAddress address() {
        return (InetSocketAddress) ((java.nio.channels.ServerSocketChannel) connector.getTransport()).socket()
                .getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(LocalServer.class.getName()).log(System.Logger.Level.DEBUG, "stopping the server", e);
        }
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.getLogger(LocalServer.class.getName()).log(System.Logger.Level.DEBUG, "closing " + part, e);
            }
        }
    }

    private static void serve(Request request, Response response, Callback callback,
                              java.util.function.Function<HttpRequest, HttpResponse> handler, long maxBody,
                              BodyBudget bodies) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName(), field.getValue(), (a, b) -> a + "," + b);
        }
        String method = request.getMethod();
        if (!method.equals(method.toUpperCase(Locale.ROOT))) {
            // Methods are case-sensitive: "head" is not HEAD, and HTTP servers disagree on what it is.
            send(response, callback, false, ErrorResponses.of(ImageException.badRequest("MalformedRequest",
                    "method names are upper case: " + method.toUpperCase(Locale.ROOT)), 0));
            return;
        }
        long reserved = bodyBytes(request, maxBody);
        if (!bodies.take(reserved)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(response, callback, false, ErrorResponses.of(ImageException.unavailable("TooBusy",
                    "too many large request bodies at once: try again shortly", null), 0));
            return;
        }
        try {
            serve(request, response, callback, handler, maxBody, headers, method);
        } finally {
            bodies.give(reserved);
        }
    }

    /** The memory a request's body may take: its announced length, or the limit when it does not announce one. */
    private static long bodyBytes(Request request, long maxBody) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return 0;
        }
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        return length >= 0 ? Math.min(length, maxBody) : maxBody;
    }

    private static void serve(Request request, Response response, Callback callback,
                              java.util.function.Function<HttpRequest, HttpResponse> handler, long maxBody,
                              Map<String, String> headers, String method) {
        Optional<byte[]> body;
        try {
            body = body(request, maxBody);
        } catch (IOException e) {
            // A malformed chunked body, or a client gone: answered if it still listens, never left hanging.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(response, callback, false, ErrorResponses.of(ImageException.badRequest("MalformedBody",
                    "the request body could not be read"), 0));
            return;
        }
        HttpResponse answer;
        if (body.isEmpty()) {
            answer = ErrorResponses.of(ImageException.tooLarge("BodyTooLarge", "the request body is over the "
                    + "limit of " + maxBody + " bytes"), 0);
            // The rest of the body is never read: this connection cannot carry another request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        } else {
            HttpURI uri = request.getHttpURI();
            answer = handler.apply(new HttpRequest(method, uri.getPath() == null ? "/" : uri.getPath(),
                    uri.getQuery(), headers, body.get()));
        }
        send(response, callback, method.equalsIgnoreCase("HEAD"), answer);
    }

    /** The body, when it is within the limit; GET and HEAD have none worth reading. */
    private static Optional<byte[]> body(Request request, long maxBody) throws IOException {
        String method = request.getMethod();
        if (method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")) {
            return Optional.of(new byte[0]);
        }
        String length = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        try {
            if (length != null && Long.parseLong(length.trim()) > maxBody) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            return bytes.length > maxBody ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static void send(Response response, Callback callback, boolean head, HttpResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                response.getHeaders().put(name, value);
            }
        });
        // HEAD announces the length a GET would have (the service's, or that of the body it made anyway), and sends
        // nothing.
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, head
                ? answer.headers().getOrDefault("Content-Length", Integer.toString(answer.body().length))
                : Integer.toString(answer.body().length));
        if (head || answer.body().length == 0) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
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
        Banner.lines(config, parts.store(), "http://localhost:" + server.port(), watcher.map(UploadWatcher::folder))
                .forEach(System.out::println);
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
