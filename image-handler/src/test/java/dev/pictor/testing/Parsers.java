package dev.pictor.testing;

import dev.pictor.config.Config;
import dev.pictor.request.RequestParser;

/** The request parser a service with this configuration runs. */
public final class Parsers {

    private Parsers() {
    }

    public static RequestParser of(Config config) {
        return new RequestParser(config.limits(), config.watermark(), config.rewrite(), config.rekognitionEnabled());
    }
}
