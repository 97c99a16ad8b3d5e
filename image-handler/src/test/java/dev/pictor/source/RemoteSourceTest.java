package dev.pictor.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.testing.Answers;
import dev.pictor.testing.TestImages;
import dev.pictor.testing.Urls;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images named by URL in Thumbor paths, fetched from a real HTTP server on loopback (allowed here explicitly), one
 * row a URL: the answer's status, and its error code or image size.
 */
class RemoteSourceTest {

    private static WireMockServer remote;
    private static String origin;

    @BeforeAll
    static void start() {
        remote = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        remote.start();
        origin = "127.0.0.1:" + remote.port();
        byte[] bird = TestImages.sample("bird.jpg");
        remote.stubFor(get(urlPathEqualTo("/bird.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withHeader("ETag", "\"remote-1\"")
                .withHeader("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT").withBody(bird)));
        remote.stubFor(get(urlPathEqualTo("/chunked.jpg")).willReturn(aResponse().withStatus(200)
                .withBody(bird).withChunkedDribbleDelay(4, 10)));
        remote.stubFor(get(urlPathEqualTo("/missing.jpg")).willReturn(aResponse().withStatus(404)));
        remote.stubFor(get(urlPathEqualTo("/broken.jpg")).willReturn(aResponse().withStatus(500)));
        remote.stubFor(get(urlPathEqualTo("/slow.jpg")).willReturn(aResponse().withStatus(200).withBody(bird)
                .withFixedDelay(6000)));
        remote.stubFor(get(urlPathEqualTo("/moved.jpg")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/bird.jpg")));
        remote.stubFor(get(urlPathEqualTo("/to-elsewhere.jpg")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://localhost:" + remote.port() + "/bird.jpg")));
        remote.stubFor(get(urlPathEqualTo("/to-metadata.jpg")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        remote.stubFor(get(urlPathEqualTo("/loop.jpg")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/loop.jpg")));
        remote.stubFor(get(urlPathEqualTo("/text.jpg")).willReturn(aResponse().withStatus(200)
                .withBody("<html>not an image</html>")));
        remote.stubFor(get(urlPathEqualTo("/logo.png")).willReturn(aResponse().withStatus(200)
                .withBody(TestImages.sample("logo.png"))));
        remote.stubFor(get(urlPathEqualTo("/frame.png")).willReturn(aResponse().withStatus(200)
                .withBody(TestImages.sample("frame.png"))));
    }

    @AfterAll
    static void stop() {
        remote.stop();
    }

    private static ImageService service(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(Map.of("MAX_SOURCE_BYTES", "200000",
                "REQUEST_TIMEOUT_MS", "8000"));
        settings.putAll(env);
        return new ImageService(Config.fromEnvironment(settings), new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine());
    }

    private static final ImageService LOOPBACK_ALLOWED = service(Map.of("HTTP_SOURCES", "127.0.0.1, 169.254.169.254",
            "HTTP_SOURCES_ALLOW_PRIVATE", "true"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            a fetched image is resized                          | /unsafe/100x0/http://ORIGIN/bird.jpg                       | 200 | 100x56
            a URL percent-encoded whole, with its own query     | /unsafe/100x0/http%3A%2F%2FORIGIN%2Fbird.jpg%3Fv%3D2          | 200 | 100x56
            slashes merged by a proxy                            | /unsafe/100x0/http:/ORIGIN/bird.jpg                        | 200 | 100x56
            the scheme in capitals                               | /unsafe/100x0/HTTP://ORIGIN/bird.jpg                       | 200 | 100x56
            without edits the remote bytes are served            | /unsafe/http://ORIGIN/bird.jpg                             | 200 | 1280x720
            a body sent in small chunks                          | /unsafe/100x0/http://ORIGIN/chunked.jpg                    | 200 | 100x56
            a redirect on the same host is followed              | /unsafe/100x0/http://ORIGIN/moved.jpg                      | 200 | 100x56
            a remote 404 is ours                                 | /unsafe/100x0/http://ORIGIN/missing.jpg                    | 404 | NotFound
            a remote 500 is a bad gateway                        | /unsafe/100x0/http://ORIGIN/broken.jpg                     | 502 | RemoteFailed
            a remote slower than half the time budget            | /unsafe/100x0/http://ORIGIN/slow.jpg                       | 504 | RemoteTimeout
            a redirect to a host not allowed                     | /unsafe/100x0/http://ORIGIN/to-elsewhere.jpg               | 403 | RemoteHostNotAllowed
            redirects that never end                             | /unsafe/100x0/http://ORIGIN/loop.jpg                       | 502 | RemoteFailed
            a remote file that is not an image                   | /unsafe/100x0/http://ORIGIN/text.jpg                       | 415 | NotAnImage
            a host not in HTTP_SOURCES                           | /unsafe/100x0/https://example.com/a.jpg                    | 403 | RemoteHostNotAllowed
            a user name in the URL                               | /unsafe/100x0/http://user:secret@ORIGIN/bird.jpg           | 400 | InvalidRemoteUrl
            a URL without a host                                 | /unsafe/100x0/http:///bird.jpg                             | 400 | InvalidRemoteUrl
            a watermark named by URL, as Thumbor loads one       | /unsafe/320x0/filters:watermark(http://ORIGIN/logo.png,10,10,50)/bird.jpg | 200 | 320x180
            a frame named by URL                                 | /unsafe/200x100/filters:frame(http://ORIGIN/frame.png)/bird.jpg | 200 | 220x120
            three watermarks by URL are more than one request may fetch | /unsafe/filters:watermark(http://ORIGIN/logo.png,0,0,0):watermark(http://ORIGIN/logo.png?1,9,9,0):watermark(http://ORIGIN/logo.png?2,5,5,0)/bird.jpg | 400 | InvalidParameter
            a watermark from a host not allowed                  | /unsafe/320x0/filters:watermark(https://example.com/logo.png,10,10,50)/bird.jpg | 403 | RemoteHostNotAllowed
            SIH's bare paths read no URLs                        | /100x0/http://ORIGIN/bird.jpg                              | 400 | InvalidKey
            the query style reads no URLs                        | /http://ORIGIN/bird.jpg?width=100                          | 400 | InvalidKey
            """)
    void loopbackAllowed(String name, String url, int status, String expected) throws Exception {
        check(LOOPBACK_ALLOWED, url, status, expected);
    }

    /** The defaults: loopback, private and link-local addresses are refused, whatever the host list says. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            loopback by address                                  | /unsafe/100x0/http://ORIGIN/bird.jpg                       | 403 | RemoteAddressNotAllowed
            loopback by a name that resolves to it               | /unsafe/100x0/http://localhost:PORT/bird.jpg               | 403 | RemoteAddressNotAllowed
            IPv6 loopback                                        | /unsafe/100x0/http://[::1]:PORT/bird.jpg                   | 403 | RemoteAddressNotAllowed
            the instance metadata service                        | /unsafe/100x0/http://169.254.169.254/latest/meta-data/     | 403 | RemoteAddressNotAllowed
            a private network address                            | /unsafe/100x0/http://10.0.0.1/a.jpg                        | 403 | RemoteAddressNotAllowed
            """)
    void privateAddressesRefused(String name, String url, int status, String expected) throws Exception {
        check(service(Map.of("HTTP_SOURCES", "127.0.0.1,localhost,[::1],169.254.169.254,10.0.0.1")), url, status,
                expected);
    }

    @Test
    void aRedirectToTheMetadataServiceIsRefusedEvenWhereLoopbackIsAllowed() throws Exception {
        ImageService service = service(Map.of("HTTP_SOURCES", "127.0.0.1,169.254.169.254"));
        check(service, "/unsafe/100x0/http://ORIGIN/to-metadata.jpg", 403, "RemoteAddressNotAllowed");
    }

    @Test
    void withoutHttpSourcesNoUrlIsFetched() throws Exception {
        int before = remote.getAllServeEvents().size();
        check(service(Map.of()), "/unsafe/100x0/http://ORIGIN/bird.jpg", 403, "RemoteSourcesOff");
        assertEquals(before, remote.getAllServeEvents().size());
    }

    @Test
    void aBodyLargerThanTheSourceLimitIsCutOff() throws Exception {
        check(service(Map.of("HTTP_SOURCES", "127.0.0.1", "HTTP_SOURCES_ALLOW_PRIVATE", "true",
                "MAX_SOURCE_BYTES", "10000")), "/unsafe/100x0/http://ORIGIN/chunked.jpg", 413, "SourceTooLarge");
    }

    @Test
    void theRemoteEtagFeedsOursAndRevalidates() {
        String url = "/unsafe/100x0/http://" + origin + "/bird.jpg";
        HttpResponse first = LOOPBACK_ALLOWED.handle(Urls.get(url));
        String etag = first.headers().get("ETag");
        assertFalse(etag == null || etag.isEmpty());
        HttpResponse again = LOOPBACK_ALLOWED.handle(Urls.get(url, Map.of("If-None-Match", etag)));
        assertEquals(304, again.status());
        HttpResponse original = LOOPBACK_ALLOWED.handle(Urls.get("/unsafe/http://" + origin + "/bird.jpg"));
        assertArrayEquals(TestImages.sample("bird.jpg"), original.body());
    }

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            93.184.215.14          | true
            2606:4700::1111        | true
            127.0.0.1              | false
            10.1.2.3               | false
            172.16.0.1             | false
            192.168.1.1            | false
            169.254.169.254        | false
            100.64.0.1             | false
            0.0.0.0                | false
            224.0.0.1              | false
            ::1                    | false
            fd00:ec2::254          | false
            fe80::1                | false
            ::ffff:127.0.0.1       | false
            64:ff9b::a9fe:a9fe     | false
            2002:c0a8:0101::1      | false
            """)
    void publicAddresses(String address, boolean expected) throws Exception {
        assertEquals(expected, RemoteHosts.isPublic(InetAddress.getByName(address)));
    }

    /** As a resolver may hand them over: IPv6 objects holding IPv4 addresses, which Java's parser would convert. */
    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            ::ffff:169.254.169.254 (mapped)       | 0000:0000:0000:0000:0000:ffff:a9fe:a9fe | false
            ::ffff:0:127.0.0.1 (translated)       | 0000:0000:0000:0000:ffff:0000:7f00:0001 | false
            ::ffff:93.184.215.14 (mapped, public) | 0000:0000:0000:0000:0000:ffff:5db8:d70e | true
            Teredo                                | 2001:0000:4136:e378:8000:63bf:3fff:fdd2 | false
            discard-only                          | 0100:0000:0000:0000:0000:0000:0000:0001 | false
            """)
    void ipv6FormsOfIpv4Addresses(String name, String hex, boolean expected) throws Exception {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex.replace(":", ""));
        assertEquals(expected, RemoteHosts.isPublic(java.net.Inet6Address.getByAddress(null, bytes, -1)), name);
    }

    private static void check(ImageService service, String url, int status, String expected) throws Exception {
        Answers.check(service.handle(Urls.get(url.replace("ORIGIN", origin)
                .replace("PORT", String.valueOf(remote.port())))), status, expected);
    }
}
