package dev.pictor.engine.vips;

import dev.pictor.engine.java2d.AvifCodec;
import dev.pictor.error.ImageException;
import dev.pictor.plan.SourceInfo;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The AVIF codec, with libvips loaded on the first AVIF request rather than at start-up: loading the 18 MB library
 * costs a cold start 50 to 80 ms that requests without AVIF should not pay.
 */
public final class LazyAvifCodec implements AvifCodec {

    private final Path library;
    private volatile VipsAvifCodec codec;

    public LazyAvifCodec(Path library) {
        this.library = library;
    }

    @Override
    public String description() {
        return "libvips " + library.getFileName() + " (loaded on first use)";
    }

    @Override
    public SourceInfo probe(byte[] avif) {
        return codec().probe(avif);
    }

    @Override
    public BufferedImage decode(byte[] avif) {
        return codec().decode(avif);
    }

    @Override
    public byte[] encode(BufferedImage image, int quality) {
        return codec().encode(image, quality);
    }

    private VipsAvifCodec codec() {
        VipsAvifCodec loaded = codec;
        if (loaded == null) {
            loaded = Vips.load(library).map(VipsAvifCodec::new).orElseThrow(() -> new ImageException(
                    ImageException.Kind.UNAVAILABLE, "CodecUnavailable", "the AVIF codec (libvips at "
                    + library.getFileName() + ") could not be loaded; see the server log"));
            codec = loaded;
        }
        return loaded;
    }
}
