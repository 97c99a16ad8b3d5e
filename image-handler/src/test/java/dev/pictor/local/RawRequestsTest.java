package dev.pictor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.demo.DemoSite;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request lines as browsers and scripts really send them, written byte for byte to the local server's socket (an
 * HTTP client library would refuse or escape most of them first): every one reaches the service, or at least gets
 * its JSON error, never an HTML page from the server underneath.
 */
class RawRequestsTest {

    static LocalServer server;

    @BeforeAll
    static void start() throws IOException {
        LocalFolderStore samples = new LocalFolderStore(TestImages.samplesRoot());
        server = LocalServer.start(0, new ImageService(Config.fromEnvironment(Map.of()), samples, new Java2dEngine()),
                Optional.empty(), Optional.of(new DemoSite(samples, "images", Optional.empty(), Optional.empty(),
                        "/api")), 1 << 20, List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What came back: status, headers (names in lower case), body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '"', textBlock = """
            a raw bar, as browsers send Thumbor's round_corner | GET    | /unsafe/100x100/filters:round_corner(30|15,0,0,0)/bird.jpg   | -                       | 200 | image/jpeg       | -
            the same bar escaped                               | GET    | /unsafe/100x100/filters:round_corner(30%7C15,0,0,0)/bird.jpg | -                       | 200 | image/jpeg       | -
            a raw caret in the query is the parser's to refuse | GET    | /bird.jpg?width=10^                                          | -                       | 400 | application/json | width
            a raw brace in the key is looked up                | GET    | /{bird}.jpg                                                  | -                       | 404 | application/json | {bird}.jpg
            a raw backtick in the key is looked up             | GET    | /bird`.jpg                                                   | -                       | 404 | application/json | bird`.jpg
            a path starting with two slashes                   | GET    | //bird.jpg                                                   | -                       | 400 | application/json | key
            a dot segment is refused by the parser             | GET    | /a/../bird.jpg                                               | -                       | 400 | application/json | key
            a method not served says which are                 | DELETE | /bird.jpg                                                    | -                       | 405 | application/json | GET and HEAD
            a method in lower case is not HEAD                 | head   | /bird.jpg                                                    | -                       | 400 | application/json | upper case
            a Thumbor part out of order is named in the 404    | GET    | /unsafe/300x200/top/left/bird.jpg                            | -                       | 404 | application/json | 'left' was read as part of the key
            an explicit strip_exif is a render                 | GET    | /unsafe/filters:strip_exif()/mountains-exif6.jpg             | -                       | 200 | image/jpeg       | -
            a request line that is not HTTP                    | GET    | /bird.jpg HTTP/1.1 extra                                     | -                       | 400 | application/json | HTTP
            headers too large keep their status                | GET    | /bird.jpg                                                    | X-Big=LARGE             | 431 | application/json | headers
            a page rebound to this address cannot post         | POST   | /demo/sign                                                   | Host=evil.example:8080  | 403 | application/json | localhost only
            another site's form cannot post                    | POST   | /bird.jpg                                                    | Sec-Fetch-Site=cross-site | 403 | application/json | another site
            this machine's page may post                       | POST   | /bird.jpg                                                    | Sec-Fetch-Site=same-origin | 405 | application/json | GET and HEAD
            HEAD says the length GET would send                | HEAD   | /demo/                                                       | -                       | 200 | text/html; charset=utf-8 | -
            """)
    void everyRequestGetsOurAnswer(String name, String method, String target, String header, int status,
                                   String contentType, String bodyHas) throws IOException {
        String extra = "";
        String host = "127.0.0.1";
        if (!header.equals("-")) {
            String headerName = header.substring(0, header.indexOf('='));
            String value = header.substring(header.indexOf('=') + 1).replace("LARGE", "x".repeat(20_000));
            if (headerName.equals("Host")) {
                host = value;
            } else {
                extra = headerName + ": " + value + "\r\n";
            }
        }
        String body = method.equals("POST") ? "{}" : "";
        Answer answer = send(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra
                + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
                + "Connection: close\r\n\r\n" + body);
        assertEquals(status, answer.status(), answer.body());
        assertEquals(contentType, answer.headers().get("content-type"), answer.headers().toString());
        if (!bodyHas.equals("-")) {
            assertTrue(answer.body().contains(bodyHas), answer.body());
        }
        if (status == 405) {
            assertEquals("GET, HEAD", answer.headers().get("allow"));
        }
        if (method.equals("HEAD")) {
            Answer get = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length),
                    answer.headers().get("content-length"));
            assertEquals("", answer.body());
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(all.toByteArray(), end + 4, all.size() - end - 4, StandardCharsets.UTF_8));
        }
    }
}
