package dev.pictor.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignerTest {

    /**
     * Published vectors. Thumbor: the libraries' test scenario 1 in Thumbor's documentation ("Library tests",
     * docs/libraries.rst), key my-security-key. SIH: source/image-handler/test/image-request/setup.spec.ts of
     * aws-solutions/serverless-image-handler v6.3.3, "Should pass when the image signature is correct", key secret.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            Thumbor docs scenario 1 | my-security-key | 300x200/my.server.com/some/path/to/image.jpg | 8ammJH8D-7tXy6kU3lTvoXlhu4o=
            our docs example        | MY_SECURE_KEY   | 300x200/a.jpg                                | 8ccK02rCJZ82R2B9TSGB7kfszbM=
            """)
    void thumborVectors(String name, String key, String path, String signature) {
        assertEquals(signature, ThumborSigner.signature(key, path));
        assertEquals("/" + signature + "/" + path, ThumborSigner.sign(key, "/unsafe/" + path));
        assertTrue(ThumborSigner.verify(key, signature, path));
        assertFalse(ThumborSigner.verify(key, signature, path + "x"));
        assertFalse(ThumborSigner.verify(key + "x", signature, path));
    }

    @Test
    void sihVector() {
        String path = "/eyJidWNrZXQiOiJ2YWxpZEJ1Y2tldCIsImtleSI6InZhbGlkS2V5IiwiZWRpdHMiOnsidG9Gb3JtYXQiOiJwbmcifX0=";
        String expected = "4d41311006641a56de7bca8abdbda91af254506107a2c7b338a13ca2fa95eac3";
        String text = QuerySigner.signedText(path, Map.of("signature", expected));
        assertEquals(path, text);
        assertEquals(expected, QuerySigner.signature("secret", text));
        assertTrue(QuerySigner.verify("secret", expected.toUpperCase(), text));
    }

    @Test
    void queryParametersAreSortedAndTheSignatureLeftOut() {
        assertEquals("/a.jpg?expires=20300101T000000Z&format=webp&width=300", QuerySigner.signedText("/a.jpg",
                Map.of("width", "300", "signature", "x", "format", "webp", "expires", "20300101T000000Z")));
    }

    /** SIH 7 sorts [name, value] pairs as JavaScript does: as the strings "name,value", by UTF-16 code unit. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            distinct names sort by name                       | width=300;format=webp          | /a.jpg?format=webp&width=300
            a name before a longer one going on above ','     | ab=2;a=1                        | /a.jpg?a=1&ab=2
            a name after a longer one going on below ','      | a=1;a+b=2                       | /a.jpg?a+b=2&a=1
            a space in a name sorts below ','                 | a=1;a b=2                       | /a.jpg?a b=2&a=1
            UTF-16 code units, not code points                | \uFF61=1;\uD83D\uDE00=2         | /a.jpg?\uD83D\uDE00=2&\uFF61=1
            """)
    void queryParametersAreSortedAsSihSortsThem(String name, String params, String signed) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : params.split(";")) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals(signed, QuerySigner.signedText("/a.jpg", map), name);
    }

    @Test
    void expiryFormat() {
        Instant instant = Instant.parse("2030-01-02T03:04:05Z");
        assertEquals("20300102T030405Z", Expiry.format(instant));
        assertEquals(instant, Expiry.parse("20300102T030405Z").orElseThrow());
        assertTrue(Expiry.parse("2030-01-02").isEmpty());
    }

    @Test
    void commandPrintsBothSchemes() {
        String out = run("--key", "MY_SECURE_KEY", "/300x200/a.jpg");
        assertTrue(out.contains("thumbor /8ccK02rCJZ82R2B9TSGB7kfszbM=/300x200/a.jpg"), out);
        assertTrue(out.contains("query   /300x200/a.jpg?signature="
                + QuerySigner.signature("MY_SECURE_KEY", "/300x200/a.jpg")), out);
    }

    @Test
    void commandSignsQueriesWithAnExpiry() {
        String out = run("--key", "k", "--expires", "20300101T000000Z", "/a.jpg?width=300");
        String expected = QuerySigner.signature("k", "/a.jpg?expires=20300101T000000Z&width=300");
        assertEquals("query   /a.jpg?width=300&expires=20300101T000000Z&signature=" + expected, out.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            a space is encoded and the encoding signed   | /300x200/my photo.jpg        | /300x200/my%20photo.jpg
            non-ASCII text is encoded as UTF-8            | /fit-in/100x100/café.jpg     | /fit-in/100x100/caf%C3%A9.jpg
            what is encoded already stays                | /300x200/my%20photo.jpg      | /300x200/my%20photo.jpg
            Thumbor's bar stays raw, as browsers send it | /filters:round_corner(30|15,0,0,0)/a.png | /filters:round_corner(30|15,0,0,0)/a.png
            a path without its slash, as libthumbor's    | 300x200/smart/a.jpg          | /300x200/smart/a.jpg
            a stray percent stands for itself            | /100%.jpg                    | /100%25.jpg
            a stray percent in the query too             | /a.jpg?x=%zz                 | /a.jpg?x=%25zz
            """)
    void commandSignsThePathAsItWillBeRequested(String name, String given, String requested) {
        String out = run("--key", "k", given);
        // Thumbor signs paths only: with a query, the query scheme alone.
        assertEquals(!requested.contains("?"), out.contains("thumbor " + ThumborSigner.sign("k", requested) + "\n"), out);
        assertTrue(out.contains("query   " + QuerySigner.sign("k", requested) + "\n"), out);
        assertTrue(out.lines().allMatch(line -> line.indexOf(" ", 8) < 0), out);
    }

    @Test
    void aSignatureAlreadyThereIsReplacedNotAdded() {
        assertEquals(QuerySigner.sign("k", "/a.jpg?width=3"), QuerySigner.sign("k", "/a.jpg?width=3&signature=00"));
    }

    @Test
    void commandRefusesBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SignCommand.run(new String[] {"/a.jpg"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertEquals(2, SignCommand.run(new String[] {"--key", "k", "--expires", "soon", "/a.jpg"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SignCommand.run(args, new PrintStream(out), System.err));
        return out.toString(StandardCharsets.UTF_8);
    }
}
