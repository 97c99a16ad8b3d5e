package dev.pictor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.signer.QuerySigner;
import dev.pictor.signer.ThumborSigner;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo page's own requests, and what it leaves to the image service; its signing, only for itself. */
class DemoSiteTest {

    private static final LocalFolderStore SAMPLES = new LocalFolderStore(TestImages.samplesRoot());
    private static final DemoSite OPEN = new DemoSite(SAMPLES, "images", Optional.empty(), Optional.empty(), "/api");
    private static final DemoSite SIGNING = new DemoSite(SAMPLES, "images", Optional.empty(), Optional.of("k"),
            "/api");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", nullValues = "-", textBlock = """
            the page at the root                    | open    | GET  | /                | -                | -           | 200 | text/html; charset=utf-8
            the page under /demo/                   | open    | GET  | /demo/           | -                | -           | 200 | text/html; charset=utf-8
            its script                              | open    | GET  | /demo/demo.js    | -                | -           | 200 | text/javascript; charset=utf-8
            what it needs to know                   | open    | GET  | /demo/samples.json | -              | -           | 200 | application/json
            a file it does not have                 | open    | GET  | /demo/other.js   | -                | -           | 404 | application/json
            no file outside its folder              | open    | GET  | /demo/../pom.xml | -                | -           | 404 | application/json
            the page is not posted to               | open    | POST | /demo/           | -                | -           | 405 | application/json
            signing is off unless enabled           | open    | POST | /demo/sign       | application/json | same-origin | 404 | application/json
            signing is asked for with POST          | signing | GET  | /demo/sign       | -                | -           | 405 | application/json
            a form from elsewhere cannot sign       | signing | POST | /demo/sign       | text/plain       | -           | 403 | application/json
            another site cannot sign                | signing | POST | /demo/sign       | application/json | cross-site  | 403 | application/json
            the page signs                          | signing | POST | /demo/sign       | application/json | same-origin | 200 | application/json
            """)
    void answers(String name, String site, String method, String path, String contentType, String fetchSite,
                 int status, String type) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (fetchSite != null) {
            headers.put("Sec-Fetch-Site", fetchSite);
        }
        byte[] body = "{\"urls\":[\"/a.jpg?width=3\"]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse response = (site.equals("open") ? OPEN : SIGNING)
                .handle(new HttpRequest(method, path, "", headers, body)).orElseThrow();
        assertEquals(status, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(type, response.contentType());
        if (status == 405) {
            assertTrue(response.headers().containsKey("Allow"));
        }
        if (status == 200) {
            assertTrue(response.headers().get("Content-Security-Policy").startsWith("default-src 'none'"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            an image                | /bird.jpg
            a query on an image     | /bird.jpg?width=300
            a root with a query     | /?width=300
            the API                 | /api/upload
            """)
    void imageURLsAreLeftToTheImageService(String name, String url) {
        int q = url.indexOf('?');
        assertTrue(OPEN.handle(new HttpRequest("GET", q < 0 ? url : url.substring(0, q), q < 0 ? "" : url.substring(
                q + 1), Map.of())).isEmpty());
    }

    @Test
    void signsThumborPathsThumborsWayAndTheRestWithAQuerySignature() {
        byte[] body = "{\"urls\":[\"/unsafe/300x200/bird.jpg\",\"/bird.jpg?width=300\",\"/eyJrZXkiOiJiIn0\"]}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse response = SIGNING.handle(new HttpRequest("POST", "/demo/sign", "",
                Map.of("Content-Type", "application/json"), body)).orElseThrow();
        assertEquals("{\"urls\":[\"" + ThumborSigner.sign("k", "/300x200/bird.jpg") + "\",\""
                + QuerySigner.sign("k", "/bird.jpg?width=300") + "\",\"" + QuerySigner.sign("k", "/eyJrZXkiOiJiIn0")
                + "\"]}", new String(response.body(), StandardCharsets.UTF_8));
    }
}
