package dev.pictor.http;

import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.ImageSource;
import dev.pictor.source.LocalFolderSource;

/** Builds the service both adapters run, from the configuration alone. */
public final class Services {

    private Services() {
    }

    public static ImageService create(Config config) {
        return new ImageService(config, source(config), engine());
    }

    public static ImageSource source(Config config) {
        return new LocalFolderSource(config.imagesDir().orElseGet(BundledSamples::unpack));
    }

    public static ImageEngine engine() {
        return new Java2dEngine();
    }
}
