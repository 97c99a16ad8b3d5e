package dev.pictor.request;

import dev.pictor.edit.Blur;
import dev.pictor.edit.Checks;
import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Extent;
import dev.pictor.edit.Fit;
import dev.pictor.edit.Flip;
import dev.pictor.edit.Flop;
import dev.pictor.edit.Grayscale;
import dev.pictor.edit.ImageFormat;
import dev.pictor.edit.Output;
import dev.pictor.edit.Resize;
import dev.pictor.edit.Rotate;
import dev.pictor.edit.Sharpen;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import dev.pictor.signer.QuerySigner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Query-style URLs: {@code /photo.jpg?width=300&format=webp} and {@code /image/<bucket>/photo.jpg?...}. Every
 * parameter is known or the request is refused: a typo must not silently serve the original.
 */
public final class QueryParser {

    static final String SIGNATURE = QuerySigner.SIGNATURE;
    static final String EXPIRES = QuerySigner.EXPIRES;
    private static final Set<String> KNOWN = Set.of("width", "height", "crop", "fit", "format", "quality",
            "grayscale", "greyscale", "watermark", "blur", "rotate", "flip", "flop", "sharpen", "animated", SIGNATURE,
            EXPIRES);

    private final Limits limits;
    private final Optional<Watermark> configuredWatermark;

    public QueryParser(Limits limits, Optional<Watermark> configuredWatermark) {
        this.limits = limits;
        this.configuredWatermark = configuredWatermark;
    }

    /** {@code rawPath} is still percent-encoded; {@code params} are decoded. */
    public ImageRequest parse(String rawPath, Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw ImageException.invalidParameter("unknown parameter '" + name + "'; known: width, height, crop,"
                        + " fit, format, quality, grayscale, watermark, blur, rotate, flip, flop, sharpen, animated");
            }
        }
        Optional<String> bucket = Optional.empty();
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.startsWith("image/")) {
            String rest = path.substring("image/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw ImageException.badRequest("MissingKey", "/image/ URLs take the form /image/<bucket>/<key>");
            }
            bucket = Optional.of(Keys.requireBucketName(PathText.decodePath(rest.substring(0, slash))));
            path = rest.substring(slash + 1);
        }
        String key = Keys.requireSafe(PathText.decodePath(path));
        EditChain chain = chain(new HashMap<>(params));
        return new ImageRequest(bucket, key, chain, signature(rawPath, params));
    }

    private EditChain chain(Map<String, String> p) {
        List<Edit> edits = new ArrayList<>();
        Output output = Output.DEFAULT;
        if (p.containsKey("rotate")) {
            Rotate rotate = new Rotate(Values.decimal("rotate", p.get("rotate")));
            if (rotate.degrees() != 0) {
                edits.add(rotate);
            }
        }
        if (p.containsKey("flip") && Values.flag("flip", p.get("flip"))) {
            edits.add(new Flip());
        }
        if (p.containsKey("flop") && Values.flag("flop", p.get("flop"))) {
            edits.add(new Flop());
        }
        resize(p).ifPresent(edits::add);
        if (flag(p, "grayscale") || flag(p, "greyscale")) {
            edits.add(new Grayscale());
        }
        if (p.containsKey("blur")) {
            edits.add(new Blur(Values.decimal("blur", p.get("blur"))));
        }
        if (p.containsKey("sharpen")) {
            String value = p.get("sharpen");
            if (value.matches("(?i)|true|yes")) {
                edits.add(Sharpen.DEFAULT);
            } else if (!value.matches("(?i)false|no")) {
                edits.add(new Sharpen(1, Values.decimal("sharpen", value), false));
            }
        }
        if (flag(p, "watermark")) {
            edits.add(configuredWatermark.orElseThrow(() -> ImageException.invalidParameter(
                    "watermark=true needs a configured watermark (WATERMARK_KEY), and none is set")));
        }
        if (p.containsKey("format")) {
            output = output.withFormat(ImageFormat.parseOutput("format", p.get("format")));
        }
        if (p.containsKey("animated") && !Values.flag("animated", p.get("animated"))) {
            output = output.withFirstFrame(true);
        }
        if (p.containsKey("quality")) {
            output = output.withQuality(Checks.inRange("quality", Values.integer("quality", p.get("quality")), 1, 100));
        }
        return new EditChain(edits, output);
    }

    private Optional<Resize> resize(Map<String, String> p) {
        Extent width = extent(p, "width", limits.maxWidth());
        Extent height = extent(p, "height", limits.maxHeight());
        boolean crop = flag(p, "crop");
        Optional<Fit> fit = Optional.ofNullable(p.get("fit")).map(f -> Fit.parse("fit", f));
        if (width == Extent.AUTO && height == Extent.AUTO) {
            if (crop || fit.isPresent()) {
                throw ImageException.invalidParameter((crop ? "crop" : "fit") + " needs width or height");
            }
            return Optional.empty();
        }
        return Optional.of(Resize.of(width, height, fit.orElse(crop ? Fit.COVER : Fit.INSIDE)));
    }

    private static Extent extent(Map<String, String> p, String name, int max) {
        String text = p.get(name);
        if (text == null) {
            return Extent.AUTO;
        }
        return Extent.pixels(Checks.inRange(name, Values.integer(name, text), 1, max));
    }

    private static boolean flag(Map<String, String> p, String name) {
        return p.containsKey(name) && Values.flag(name, p.get(name));
    }

    private static Optional<Signature> signature(String rawPath, Map<String, String> params) {
        if (!params.containsKey(SIGNATURE)) {
            if (params.containsKey(EXPIRES)) {
                throw ImageException.invalidParameter("expires is only meaningful on a signed URL");
            }
            return Optional.empty();
        }
        return Optional.of(new Signature(Signature.Scheme.QUERY, params.get(SIGNATURE),
                QuerySigner.signedText(rawPath, params), Optional.ofNullable(params.get(EXPIRES))));
    }
}
