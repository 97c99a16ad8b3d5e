package dev.pictor.http;

import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.engine.turbojpeg.TurboJpeg;
import dev.pictor.engine.turbojpeg.TurboJpegCodec;
import dev.pictor.source.BundledSamples;
import dev.pictor.source.ImageSource;
import dev.pictor.source.LocalFolderSource;
import java.util.Optional;

/** Builds the service both adapters run, from the configuration alone. */
public final class Services {

    private Services() {
    }

    public static ImageService create(Config config) {
        return new ImageService(config, source(config), engine(config));
    }

    public static ImageSource source(Config config) {
        return new LocalFolderSource(config.imagesDir().orElseGet(BundledSamples::unpack));
    }

    /**
     * The fastest engine this machine can run: libjpeg-turbo for JPEG when it loads and is not switched off, pure
     * JVM otherwise.
     */
    public static ImageEngine engine(Config config) {
        return new Java2dEngine(config.nativeCodecs() ? TurboJpeg.load().map(TurboJpegCodec::new) : Optional.empty());
    }
}
