package dev.pictor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local server on a free port of 127.0.0.1, spoken to by a real HTTP client. */
class LocalServerTest {

    static LocalServer server;
    static HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        ImageService service = new ImageService(Config.fromEnvironment(Map.of()),
                new LocalFolderStore(TestImages.samplesRoot()), new Java2dEngine());
        server = LocalServer.start(0, service);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            /unsafe/500x500/filters:grayscale()/dandelions.jpg | 200 | image/jpeg       | 500 | 500
            /dandelions.jpg?width=300&height=200&format=webp   | 200 | image/webp       | 300 | 200
            /unsafe/fit-in/200x200/mars-alpha.png              | 200 | image/png        | 200 | 100
            /mountains-exif6.jpg?width=320                     | 200 | image/jpeg       | 320 | 240
            /eyJrZXkiOiJiaXJkLmpwZyIsImVkaXRzIjp7InJlc2l6ZSI6eyJ3aWR0aCI6MTAwfX0sIm91dHB1dEZvcm1hdCI6InBuZyIgLCJlZmZvcnQiOiJ+Pj8ifQ== | 200 | image/png | 100 | 56
            /eyJrZXkiOiJiaXJkLmpwZyIsImVkaXRzIjp7InJlc2l6ZSI6eyJ3aWR0aCI6MTAwfX0sIm91dHB1dEZvcm1hdCI6InBuZyIgICwiZWZmb3J0Ijoifj4/In0= | 200 | image/png | 100 | 56
            /eyJrZXkiOiJiaXJkLmpwZyIsImVkaXRzIjp7InJlc2l6ZSI6eyJ3aWR0aCI6MTAwfX0sIm91dHB1dEZvcm1hdCI6InBuZyIgLCJlZmZvcnQiOiJ%2BPj8ifQ%3D%3D | 200 | image/png | 100 | 56
            /nothing-here.jpg                                  | 404 | application/json | 0   | 0
            /dandelions.jpg?width=huge                         | 400 | application/json | 0   | 0
            /unsafe/..%2F..%2Fetc%2Fpasswd                     | 400 | application/json | 0   | 0
            """)
    void serves(String path, int status, String contentType, int width, int height) throws Exception {
        HttpResponse<byte[]> response = send("GET", path);
        assertEquals(status, response.statusCode(), new String(response.body()));
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(response.body().length,
                Integer.parseInt(response.headers().firstValue("Content-Length").orElseThrow()));
        if (status == 200) {
            BufferedImage image = TestImages.decode(response.body());
            assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
        }
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        HttpResponse<byte[]> get = send("GET", "/bird.jpg?width=80");
        HttpResponse<byte[]> head = send("HEAD", "/bird.jpg?width=80");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/unsafe/" + (100 + i) + "x100/bird.jpg")).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < pending.size(); i++) {
            HttpResponse<byte[]> response = pending.get(i).get();
            assertEquals(200, response.statusCode());
            assertEquals(100 + i, TestImages.decode(response.body()).getWidth());
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }
}
