package dev.pictor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.local.LocalServer;
import dev.pictor.signer.Expiry;
import dev.pictor.signer.QuerySigner;
import dev.pictor.signer.SignCommand;
import dev.pictor.signer.ThumborSigner;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signed URLs, one row a case. In the URL column {@code T(key)} stands for the Thumbor signature of the rest of
 * the path with that key, and {@code Q(key)} for the query signature; {@code FUTURE} and {@code PAST} for expiry
 * times an hour away.
 */
class SignedUrlTest {

    static ImageService service(Map<String, String> env) {
        return new ImageService(Config.fromEnvironment(env), new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine());
    }

    static final ImageService SIGNED = service(Map.of("SECURITY_KEYS", "old-key, new-key"));
    static final ImageService LENIENT = service(Map.of("SECURITY_KEYS", "new-key", "ALLOW_UNSAFE", "true"));
    static final ImageService OPEN = service(Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            Thumbor URL signed with the current key       | signed  | /T(new-key)/100x100/bird.jpg                      | 200 | -
            Thumbor URL signed with the previous key      | signed  | /T(old-key)/100x100/filters:grayscale()/bird.jpg  | 200 | -
            Thumbor URL signed with an unknown key        | signed  | /T(guess)/100x100/bird.jpg                        | 403 | SignatureDoesNotMatch
            Thumbor URL whose path was changed            | signed  | /T(new-key)/100x100/bird.jpg!/200x200/bird.jpg   | 403 | SignatureDoesNotMatch
            unsafe URL where signing is required          | signed  | /unsafe/100x100/bird.jpg                          | 403 | SignatureRequired
            a Thumbor signature with unsafe/ put after it | signed  | /T(new-key)/100x100/bird.jpg!/unsafe/100x100/bird.jpg | 403 | SignatureDoesNotMatch
            plain URL where signing is required           | signed  | /bird.jpg?width=50                                | 403 | SignatureRequired
            query URL signed                              | signed  | /bird.jpg?width=50&Q(new-key)                     | 200 | -
            query URL signed with the previous key        | signed  | /bird.jpg?width=50&Q(old-key)                     | 200 | -
            query URL with a changed parameter            | signed  | /bird.jpg?width=50&Q(new-key)!/bird.jpg?width=60  | 403 | SignatureDoesNotMatch
            an encoded & that could pass for two params   | signed  | /bird.jpg?width=50%26height%3D10&Q(new-key)       | 400 | InvalidParameter
            query URL signed with an expiry ahead         | signed  | /bird.jpg?width=50&expires=FUTURE&Q(new-key)      | 200 | -
            query URL past its expiry                     | signed  | /bird.jpg?width=50&expires=PAST&Q(new-key)        | 403 | UrlExpired
            query URL with a malformed expiry             | signed  | /bird.jpg?width=50&expires=tomorrow&Q(new-key)    | 400 | InvalidParameter
            base64-style path signed as SIH signs it      | signed  | /bird.jpg?Q(new-key)                              | 200 | -
            unsigned URL where unsigned ones are allowed  | lenient | /unsafe/100x100/bird.jpg                          | 200 | -
            a bad signature is refused even then          | lenient | /T(guess)/100x100/bird.jpg                        | 403 | SignatureDoesNotMatch
            an unsigned URL's expiry ahead caps caching   | open    | /bird.jpg?width=50&expires=FUTURE                 | 200 | -
            an unsigned URL past its expiry, as SIH       | open    | /bird.jpg?width=50&expires=PAST                   | 403 | UrlExpired
            an unsigned SIH path past its expiry          | open    | /300x200/bird.jpg?expires=PAST                    | 403 | UrlExpired
            an unsigned URL's malformed expiry            | open    | /bird.jpg?width=50&expires=tomorrow               | 400 | InvalidParameter
            an allowed unsigned URL's expiry holds too    | lenient | /unsafe/100x100/bird.jpg?expires=PAST             | 403 | UrlExpired
            """)
    void signedUrls(String name, String which, String template, int status, String code) {
        String url = sign(template);
        ImageService service = switch (which) {
            case "signed" -> SIGNED;
            case "lenient" -> LENIENT;
            default -> OPEN;
        };
        HttpResponse response = service.handle(Urls.get(url));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.status(), url + " " + body);
        if (status == 200 && template.contains("expires=FUTURE")) {
            long maxAge = Long.parseLong(response.headers().get("Cache-Control").replaceAll(".*max-age=", ""));
            assertTrue(maxAge <= 3600, "caching outlives the URL: " + response.headers().get("Cache-Control"));
        }
        if (!code.equals("-")) {
            assertTrue(body.contains("\"code\":\"" + code + "\""), body);
        }
    }

    @Test
    void aResponseIsNeverCachedBeyondItsUrlsExpiry() {
        String url = sign("/bird.jpg?width=40&expires=FUTURE&Q(new-key)");
        HttpResponse response = SIGNED.handle(Urls.get(url));
        long maxAge = Long.parseLong(response.headers().get("Cache-Control").replaceAll(".*max-age=", ""));
        assertTrue(maxAge <= 3600 && maxAge > 3500, "max-age " + maxAge);
    }

    @Test
    void aRequestsOwnCacheControlCannotOutliveItsUrlsExpiry() {
        String json = Urls.sih("{\"key\":\"bird.jpg\",\"headers\":{\"Cache-Control\":\"public, max-age=31536000\"},"
                + "\"edits\":{\"resize\":{\"width\":40}}}");
        HttpResponse response = SIGNED.handle(Urls.get(sign(json + "?expires=FUTURE&Q(new-key)")));
        assertEquals(200, response.status());
        long maxAge = Long.parseLong(response.headers().get("Cache-Control").replaceAll(".*max-age=", ""));
        assertTrue(maxAge <= 3600, "max-age " + maxAge);
    }

    @Test
    void aUrlSignedByTheCommandLineIsServedAndATamperedOneRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SignCommand.run(new String[] {"--key", "new-key", "/300x200/filters:grayscale()/bird.jpg"},
                new PrintStream(out), System.err));
        String thumbor = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("thumbor"))
                .findFirst().orElseThrow().substring("thumbor ".length()).trim();
        String query = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("query"))
                .findFirst().orElseThrow().substring("query ".length()).trim();
        try (LocalServer server = LocalServer.start(0, SIGNED)) {
            var client = java.net.http.HttpClient.newHttpClient();
            for (String path : new String[] {thumbor, query}) {
                var ok = client.send(java.net.http.HttpRequest.newBuilder(uri(server, path)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, ok.statusCode(), path);
                assertEquals(300, TestImages.decode(ok.body()).getWidth());
            }
            var tampered = client.send(java.net.http.HttpRequest.newBuilder(
                    uri(server, thumbor.replace("300x200", "301x200"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(403, tampered.statusCode());
        }
    }

    private static URI uri(LocalServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Expands the row's template; "a!b" signs a and then requests b with a's signature. */
    static String sign(String template) {
        String[] parts = template.split("!");
        String signed = expand(parts[0]);
        if (parts.length == 1) {
            return signed;
        }
        String other = parts[1];
        if (signed.contains("signature=")) {
            return other + "&signature=" + signed.substring(signed.indexOf("signature=") + "signature=".length());
        }
        String signature = signed.substring(1, signed.indexOf('/', 1));
        return "/" + signature + other;
    }

    private static String expand(String template) {
        String url = template.replace("FUTURE", Expiry.format(Instant.now().plus(Duration.ofHours(1))))
                .replace("PAST", Expiry.format(Instant.now().minus(Duration.ofHours(1))));
        if (url.startsWith("/T(")) {
            String key = url.substring(3, url.indexOf(')'));
            return ThumborSigner.sign(key, url.substring(url.indexOf(')') + 1));
        }
        int q = url.indexOf("Q(");
        if (q >= 0) {
            String key = url.substring(q + 2, url.indexOf(')', q));
            String unsigned = url.substring(0, q).replaceAll("[?&]$", "");
            int question = unsigned.indexOf('?');
            Map<String, String> params = new java.util.HashMap<>();
            if (question >= 0) {
                for (String pair : unsigned.substring(question + 1).split("&")) {
                    params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            String path = question < 0 ? unsigned : unsigned.substring(0, question);
            String signature = QuerySigner.signature(key, QuerySigner.signedText(path, params));
            return unsigned + (question < 0 ? "?" : "&") + "signature=" + signature;
        }
        return url;
    }
}
