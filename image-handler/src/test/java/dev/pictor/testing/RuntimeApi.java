package dev.pictor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API, as much of it as a runtime uses, on 127.0.0.1: a runtime asks for the next invocation (and
 * waits until there is one), then posts its response or its error; a runtime whose init failed posts that instead.
 * Tests hand it events and wait for what the runtime made of each.
 */
public final class RuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";

    /** What the runtime posted for an invocation (or for its init). */
    public record Outcome(boolean error, String body, Optional<String> errorType) {
    }

    private record Invocation(String id, String event) {
    }

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();

    private RuntimeApi(HttpServer server) {
        this.server = server;
    }

    public static RuntimeApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RuntimeApi api = new RuntimeApi(server);
        server.createContext(BASE + "/", api::handle);
        // A runtime's long poll for the next event holds its thread: one each, never a shared few.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return api;
    }

    /** The value of AWS_LAMBDA_RUNTIME_API for a runtime to find this server. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event as a new invocation; the future completes with what the runtime posted for it. */
    public CompletableFuture<Outcome> invoke(String requestId, String event) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(requestId, outcome);
        pending.add(new Invocation(requestId, event));
        return outcome;
    }

    public CompletableFuture<Outcome> invoke(String event) {
        return invoke(UUID.randomUUID().toString(), event);
    }

    /** Completes when a runtime reports that its init failed. */
    public CompletableFuture<Outcome> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            Optional<String> errorType = Optional.ofNullable(exchange.getRequestHeaders()
                    .getFirst("Lambda-Runtime-Function-Error-Type"));
            if (path.equals("/invocation/next") && exchange.getRequestMethod().equals("GET")) {
                Invocation next = pending.poll(10, TimeUnit.MINUTES);
                if (next == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:pictor-test");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-6749e2c0-1a2b3c4d5e6f7a8b9c0d1e2f;Sampled=0");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] event = next.event().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, event.length);
                exchange.getResponseBody().write(event);
            } else if (path.equals("/init/error")) {
                initError.complete(new Outcome(true, text, errorType));
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("/invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("/invocation/".length(), path.lastIndexOf('/'));
                CompletableFuture<Outcome> outcome = outcomes.get(id);
                if (outcome == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                outcome.complete(new Outcome(path.endsWith("/error"), text, errorType));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
