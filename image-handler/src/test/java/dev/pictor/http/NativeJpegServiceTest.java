package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.engine.ImageEngine;
import org.junit.jupiter.api.Test;

/** The service on the engine {@link Services} picks here: libjpeg-turbo for JPEG, bundled in the jar. */
class NativeJpegServiceTest extends ImageServiceCases {

    @Override
    ImageEngine engine() {
        return Services.engine(dev.pictor.config.Config.fromEnvironment(java.util.Map.of()));
    }

    @Test
    void theBundledLibraryLoadsOnThisPlatform() {
        assertTrue(engine().name().contains("libjpeg-turbo (bundled"), engine().name());
    }
}
