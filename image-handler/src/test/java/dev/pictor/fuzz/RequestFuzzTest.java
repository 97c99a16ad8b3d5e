package dev.pictor.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pictor.config.Config;
import dev.pictor.error.ImageException;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.RequestParser;
import dev.pictor.security.SignaturePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The request parsers and the signature check under coverage-guided fuzzing (Jazzer). In the normal test run each
 * target runs its seeds and every input a fuzzing run saved (resources {@code RequestFuzzTestInputs/}); with
 * {@code JAZZER_FUZZ=1} it fuzzes (benchmark/fuzz.sh). Whatever the input, the answer is a parsed request or a 4xx
 * ImageException: any other exception, or a 5xx, is a finding.
 */
class RequestFuzzTest {

    static final RequestParser PARSER = dev.pictor.testing.Parsers.of(Config.fromEnvironment(Map.of()));
    static final SignaturePolicy SIGNED = new SignaturePolicy(
            dev.pictor.security.SigningKeys.fixed(List.of("key-one", "key-two")), true, false, Clock.systemUTC());

    /** A URL as a path and a query: Thumbor paths, SIH paths and rewrites, query style. */
    @FuzzTest(maxDuration = "30s")
    void everyUrlIsParsedOrRefused(byte[] input) {
        String url = new String(input, StandardCharsets.UTF_8);
        int question = url.indexOf('?');
        String path = "/" + (question < 0 ? url : url.substring(0, question));
        String query = question < 0 ? "" : url.substring(question + 1);
        try {
            ImageRequest request = PARSER.parse(path, query);
            SIGNED.check(request);
        } catch (ImageException e) {
            refusedAsTheCallersFault(e);
        }
    }

    /** Serverless Image Handler requests: base64 of a JSON document. */
    @FuzzTest(maxDuration = "30s")
    void everySihJsonRequestIsParsedOrRefused(byte[] json) {
        try {
            PARSER.parse("/" + Base64.getUrlEncoder().encodeToString(json), "");
        } catch (ImageException e) {
            refusedAsTheCallersFault(e);
        }
    }

    static void refusedAsTheCallersFault(ImageException e) {
        if (e.status() >= 500) {
            throw new AssertionError("a request was answered " + e.status() + ": " + e.getMessage(), e);
        }
    }
}
