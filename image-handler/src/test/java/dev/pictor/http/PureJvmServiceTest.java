package dev.pictor.http;

import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;

/** The service on the engine that runs wherever a JVM does (ImageIO for JPEG). */
class PureJvmServiceTest extends ImageServiceCases {

    @Override
    ImageEngine engine() {
        return new Java2dEngine();
    }
}
