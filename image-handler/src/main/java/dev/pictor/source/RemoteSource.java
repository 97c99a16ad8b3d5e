package dev.pictor.source;

import dev.pictor.error.ImageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Originals named by URL, as Thumbor's HTTP loader fetches them: only from {@link RemoteHosts}, each redirect checked
 * again, the body read up to the source byte limit and no further, the whole fetch bounded in time. The answer's
 * ETag and Last-Modified become the original's, so they feed ours.
 */
public final class RemoteSource {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MAX_FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REDIRECTS = 3;
    private static final System.Logger LOG = System.getLogger(RemoteSource.class.getName());

    private final RemoteHosts hosts;
    private final HttpClient client;
    /** Headers and body together, redirects included. */
    private final Duration fetchTimeout;

    /** @param requestTimeout a request's whole time budget: a fetch may take half of it, and at most 10 s */
    public RemoteSource(RemoteHosts hosts, Duration requestTimeout) {
        this.hosts = hosts;
        this.fetchTimeout = requestTimeout.dividedBy(2).compareTo(MAX_FETCH_TIMEOUT) < 0
                ? requestTimeout.dividedBy(2) : MAX_FETCH_TIMEOUT;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT.compareTo(fetchTimeout) < 0
                        ? CONNECT_TIMEOUT : fetchTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @throws ImageException 403 for a host or address not allowed, 404 when the remote says so, 413 past
     *                        {@code maxBytes}, 502 for any other failure of the remote, 504 when it is too slow
     */
    public StoredObject get(String url, long maxBytes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ImageException.badRequest("InvalidRemoteUrl", "the remote image URL is not a valid URL");
        }
        long deadline = System.nanoTime() + fetchTimeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            uri = hosts.check(uri);
            HttpResponse<byte[]> response = fetch(uri, maxBytes, deadline);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty() || redirects == MAX_REDIRECTS) {
                    throw badGateway("the remote image redirects " + (location.isEmpty() ? "nowhere" : "too often"));
                }
                try {
                    uri = uri.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    throw badGateway("the remote image redirects to an invalid URL");
                }
                continue;
            }
            if (status == 404 || status == 410) {
                throw ImageException.notFound("the remote image " + uri.getHost() + uri.getRawPath()
                        + " does not exist (" + status + ")");
            }
            if (status != 200) {
                throw badGateway("the remote image could not be fetched: its server answered " + status);
            }
            return new StoredObject(response.body(), response.headers().firstValue("ETag"),
                    response.headers().firstValue("Last-Modified").flatMap(RemoteSource::httpDate));
        }
    }

    private HttpResponse<byte[]> fetch(URI uri, long maxBytes, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timeout();
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left))
                .header("Accept", "image/*").header("User-Agent", "Pictor").GET().build();
        Bounded body = new Bounded(maxBytes);
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, info -> body);
        try {
            return sent.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timeout();
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw timeout();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (body.tooLarge()) {
                // The client reports the transfer it was told to cancel; the reason is ours.
                throw ImageException.tooLarge("SourceTooLarge", "the remote image is larger than the limit of "
                        + maxBytes + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw timeout();
            }
            LOG.log(System.Logger.Level.INFO, "remote image " + uri.getHost() + ": " + cause);
            throw badGateway("the remote image could not be fetched: its server could not be reached");
        }
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ImageException badGateway(String message) {
        return new ImageException(ImageException.Kind.BAD_GATEWAY, "RemoteFailed", message);
    }

    private ImageException timeout() {
        return new ImageException(ImageException.Kind.GATEWAY_TIMEOUT, "RemoteTimeout",
                "the remote image did not arrive within " + fetchTimeout.toMillis() + " ms");
    }

    /** A body collected up to a limit: past it the transfer is cancelled, and the fetch answered 413. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private volatile boolean tooLarge;

        Bounded(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        boolean tooLarge() {
            return tooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + (long) buffer.remaining() > maxBytes) {
                    tooLarge = true;
                    result.completeExceptionally(new IOException("the body is larger than " + maxBytes + " bytes"));
                    subscription.cancel();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                body.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
