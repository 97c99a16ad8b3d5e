package dev.pictor.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.error.ImageException;
import dev.pictor.testing.Urls;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * URL tables, one row a case: a URL and either the canonical request it parses into or the error it gets
 * ({@code !status code words-the-message-contains}).
 */
class RequestParserTest {

    private static final RequestParser PARSER = dev.pictor.testing.Parsers.of(Config.fromEnvironment(Map.of(
            "WATERMARK_KEY", "logo.png")));

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/thumbor-urls.csv", delimiterString = " | ", numLinesToSkip = 1)
    void thumborUrls(String name, String url, String expected) {
        check(url, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/query-urls.csv", delimiterString = " | ", numLinesToSkip = 1)
    void queryUrls(String name, String url, String expected) {
        check(url, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/sih-requests.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void sihJsonRequests(String name, String request, String expected) {
        check(Urls.sih(request), expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/rewrite-urls.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void rewrites(String name, String pattern, String substitution, String url, String expected) {
        RequestParser parser = dev.pictor.testing.Parsers.of(Config.fromEnvironment(Map.of(
                "REWRITE_MATCH_PATTERN", pattern, "REWRITE_SUBSTITUTION", substitution)));
        check(parser, url.startsWith("json:") ? Urls.sih(url.substring(5)) : url, expected);
    }

    static void check(String url, String expected) {
        check(PARSER, url, expected);
    }

    static void check(RequestParser parser, String url, String expected) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        if (expected.startsWith("!")) {
            String[] parts = expected.substring(1).split(" ", 3);
            ImageException error = assertThrows(ImageException.class, () -> parser.parse(path, query));
            assertEquals(Integer.parseInt(parts[0]), error.status(), error.getMessage());
            assertEquals(parts[1], error.code(), error.getMessage());
            if (parts.length > 2) {
                assertTrue(error.getMessage().contains(parts[2]),
                        "message '" + error.getMessage() + "' names '" + parts[2] + "'");
            }
        } else {
            assertEquals(expected, describe(parser.parse(path, query)));
        }
    }

    static String describe(ImageRequest request) {
        String signature = request.signature()
                .map(s -> "sig(" + s.scheme() + ")=" + s.signedText() + " ").orElse("");
        return signature + request.canonical();
    }

    /** A curve's points are bounded before the pattern that reads them, which recurses once a point. */
    @Test
    void aCurveOfAThousandPointsIsRefusedNotOverflowed() {
        String points = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "(" + i % 256 + "," + i % 256 + ")")
                .collect(java.util.stream.Collectors.joining(","));
        ImageException e = assertThrows(ImageException.class, () -> PARSER.parse(
                "/unsafe/filters:curve([" + points + "],[(0,0)],[(0,0)],[(0,0)])/photo.jpg", ""));
        assertEquals(400, e.kind().status());
        assertTrue(e.getMessage().contains("curve"), e.getMessage());
    }
}
