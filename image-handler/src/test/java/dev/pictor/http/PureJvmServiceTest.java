package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import org.junit.jupiter.api.Test;

/** The service on the engine that runs wherever a JVM does (ImageIO for JPEG, no AVIF). */
class PureJvmServiceTest extends ImageServiceCases {

    @Override
    ImageEngine engine() {
        return new Java2dEngine();
    }

    @Test
    void withoutLibvipsAnAnimatedWebpIsWrittenAsItsFirstFrame() {
        HttpResponse response = get("/unsafe/100x0/ball.webp");
        assertEquals("image/webp", response.contentType());
        assertEquals(1, dev.pictor.testing.TestImages.frames(response.body()));
    }

    @Test
    void withoutNativeCodecsAvifAndHeicAreRefusedClearly() {
        assertEquals(400, get("/bird.jpg?format=avif").status(), "no encoder: a bad request, not a 500");
        assertEquals(415, get("/bird-320.avif?width=100").status(), "no decoder: unsupported media");
        assertEquals(415, get("/bird-320.heic?width=100").status(), "no HEIC decoder: unsupported media");
    }
}
