package dev.pictor.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pictor.api.Multipart;
import dev.pictor.engine.Exif;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.error.ImageException;
import java.util.Optional;

/**
 * What reads an untrusted file before any pixel is decoded, under fuzzing: the format probes (every format's header,
 * GIF blocks, animated WebP chunks), the EXIF reader, and the multipart reader of uploads. Each answers or refuses
 * with a 4xx ImageException; any other exception is a finding.
 */
class ProbeFuzzTest {

    static final ImageEngine ENGINE = new Java2dEngine(Optional.empty());

    @FuzzTest(maxDuration = "30s")
    void everyFileIsProbedOrRefused(byte[] file) {
        try {
            ENGINE.probe(file);
        } catch (ImageException e) {
            RequestFuzzTest.refusedAsTheCallersFault(e);
        }
        Exif.read(file);
    }

    @FuzzTest(maxDuration = "30s")
    void everyFormIsReadOrRefused(byte[] body) {
        try {
            Multipart.parse("multipart/form-data; boundary=b", body);
        } catch (ImageException e) {
            RequestFuzzTest.refusedAsTheCallersFault(e);
        }
    }
}
