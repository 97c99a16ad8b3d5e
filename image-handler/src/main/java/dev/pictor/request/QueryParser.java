package dev.pictor.request;

import dev.pictor.edit.Keys;
import dev.pictor.edit.Blur;
import dev.pictor.edit.Crop;
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
import dev.pictor.edit.Trim;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import dev.pictor.signer.QuerySigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Query parameters as edits: {@code /photo.jpg?width=300&format=webp}, {@code /image/<bucket>/photo.jpg?...}, and,
 * as the Serverless Image Handler takes them, over a Thumbor path or a base64 JSON request, where a parameter
 * overrides the same edit in the path. Every parameter is known or the request is refused: a typo must not silently
 * serve the original.
 */
public final class QueryParser {

    /** The edits a query (or an API form, or a VARIANTS entry) may name. */
    public static final Set<String> PARAMETERS = Set.of("width", "height", "crop", "fit", "format", "quality",
            "grayscale", "greyscale", "watermark", "blur", "rotate", "flip", "flop", "sharpen", "animated", "gravity");
    private static final Set<String> KNOWN = java.util.stream.Stream.concat(PARAMETERS.stream(),
            java.util.stream.Stream.of(QuerySigner.SIGNATURE, QuerySigner.EXPIRES)).collect(
            java.util.stream.Collectors.toUnmodifiableSet());

    private final Limits limits;
    private final Optional<Watermark> configuredWatermark;

    public QueryParser(Limits limits, Optional<Watermark> configuredWatermark) {
        this.limits = limits;
        this.configuredWatermark = configuredWatermark;
    }

    /** {@code /image/<bucket>/<key>}: our own way to name a bucket; {@code rawPath} is still percent-encoded. */
    static ImageRequest imagePath(String rawPath) {
        String rest = rawPath.substring("/image/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw ImageException.badRequest("MissingKey", "/image/ URLs take the form /image/<bucket>/<key>");
        }
        String bucket = Keys.requireBucketName(PathText.decodePath(rest.substring(0, slash)));
        String key = Keys.requireSafe(PathText.decodePath(rest.substring(slash + 1)));
        return ImageRequest.unsigned(Optional.of(bucket), key, EditChain.NONE);
    }

    /**
     * The chain with the parameters applied over it. Geometry a parameter adds (rotate, flip, flop, resize) runs
     * after the path's crops and before its filters; filters it adds run last; an edit of the same kind is replaced
     * where it stands, or removed by {@code false}.
     */
    public EditChain overlay(EditChain base, Map<String, String> p) {
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw ImageException.invalidParameter("unknown parameter '" + name + "'; known: width, height, crop,"
                        + " fit, gravity, format, quality, grayscale, watermark, blur, rotate, flip, flop, sharpen, animated");
            }
        }
        List<Edit> edits = new ArrayList<>(base.edits());
        List<Edit> geometry = new ArrayList<>();
        if (p.containsKey("rotate")) {
            edits.removeIf(e -> e instanceof Rotate);
            // Blank, as the Serverless Image Handler allows, means no rotation.
            if (!p.get("rotate").isBlank()) {
                Rotate rotate = new Rotate(Values.decimal("rotate", p.get("rotate")));
                if (rotate.degrees() != 0) {
                    geometry.add(rotate);
                }
            }
        }
        toggle(p, "flip", new Flip(), edits, geometry);
        toggle(p, "flop", new Flop(), edits, geometry);
        resize(p, edits, geometry);
        List<Edit> filters = new ArrayList<>();
        for (String name : List.of("grayscale", "greyscale")) {
            toggle(p, name, new Grayscale(), edits, filters);
        }
        if (p.containsKey("blur")) {
            replace(edits, filters, e -> e instanceof Blur, new Blur(Values.decimal("blur", p.get("blur"))));
        }
        sharpen(p.get("sharpen")).ifPresent(s -> replace(edits, filters, e -> e instanceof Sharpen, s));
        if (flag(p, "watermark")) {
            filters.add(configuredWatermark.orElseThrow(() -> ImageException.invalidParameter(
                    "watermark=true needs a configured watermark (WATERMARK_KEY), and none is set")));
        }
        int front = 0;
        while (front < edits.size() && (edits.get(front) instanceof Crop || edits.get(front) instanceof Trim)) {
            front++;
        }
        edits.addAll(front, geometry);
        edits.addAll(filters);
        return new EditChain(edits, output(base.output(), p));
    }

    private static Output output(Output base, Map<String, String> p) {
        Output output = base;
        if (p.containsKey("format")) {
            output = output.withFormat(ImageFormat.parseOutput("format", p.get("format")));
        }
        if (p.containsKey("quality")) {
            output = output.withQuality(Values.integer("quality", p.get("quality")));
        }
        if (p.containsKey("animated")) {
            output = output.withFirstFrame(!Values.flag("animated", p.get("animated")));
        }
        return output;
    }

    /**
     * width, height, fit and crop over the path's resize, if any. Both sides without a fit cover the box and crop,
     * as sharp and the Serverless Image Handler do; {@code crop=false} fits inside instead, a fit names another.
     */
    private void resize(Map<String, String> p, List<Edit> edits, List<Edit> geometry) {
        boolean crop = flag(p, "crop");
        if (!p.containsKey("width") && !p.containsKey("height") && !p.containsKey("fit") && !crop
                && !p.containsKey("gravity")) {
            return;
        }
        Optional<Resize> existing = edits.stream().filter(e -> e instanceof Resize).map(e -> (Resize) e).findFirst();
        Extent width = p.containsKey("width") ? extent(p, "width", limits.maxWidth())
                : existing.map(Resize::width).orElse(Extent.AUTO);
        Extent height = p.containsKey("height") ? extent(p, "height", limits.maxHeight())
                : existing.map(Resize::height).orElse(Extent.AUTO);
        if (width == Extent.AUTO && height == Extent.AUTO) {
            if (p.containsKey("fit") || crop || p.containsKey("gravity")) {
                throw ImageException.invalidParameter((crop ? "crop" : p.containsKey("fit") ? "fit" : "gravity")
                        + " needs width or height");
            }
            edits.removeIf(e -> e instanceof Resize);
            return;
        }
        boolean box = width != Extent.AUTO && height != Extent.AUTO;
        Fit fit = p.containsKey("fit") ? Fit.parse("fit", p.get("fit"))
                : p.containsKey("crop") ? (crop ? Fit.COVER : Fit.INSIDE)
                : existing.map(Resize::fit).orElse(box ? Fit.COVER : Fit.INSIDE);
        Resize sized = existing.map(r -> r.withSize(width, height).withFit(fit)).orElse(Resize.of(width, height, fit));
        Resize resize = p.containsKey("gravity") ? sized.withGravity(Positions.parse("gravity", p.get("gravity")))
                : sized;
        replace(edits, geometry, e -> e instanceof Resize, resize);
    }

    private static Optional<Sharpen> sharpen(String value) {
        if (value == null || value.matches("(?i)false|no")) {
            return Optional.empty();
        }
        return Optional.of(value.matches("(?i)|true|yes") ? Sharpen.DEFAULT
                : new Sharpen(1, Values.decimal("sharpen", value), false));
    }

    /** A flag parameter: true adds the edit unless the path has it; false removes it. */
    private static void toggle(Map<String, String> p, String name, Edit edit, List<Edit> edits, List<Edit> added) {
        if (!p.containsKey(name)) {
            return;
        }
        boolean on = Values.flag(name, p.get(name));
        boolean present = edits.stream().anyMatch(e -> e.getClass() == edit.getClass())
                || added.stream().anyMatch(e -> e.getClass() == edit.getClass());
        if (!on) {
            edits.removeIf(e -> e.getClass() == edit.getClass());
        } else if (!present) {
            added.add(edit);
        }
    }

    /** Puts the edit where one of its kind stands, or adds it. */
    private static void replace(List<Edit> edits, List<Edit> added, Predicate<Edit> kind, Edit edit) {
        for (int i = 0; i < edits.size(); i++) {
            if (kind.test(edits.get(i))) {
                edits.set(i, edit);
                return;
            }
        }
        added.add(edit);
    }

    /** 0 means "keep the aspect ratio", as in the Serverless Image Handler's query parameters. */
    private static Extent extent(Map<String, String> p, String name, int max) {
        return Values.extent(name, Values.integer(name, p.get(name)), max, true);
    }

    private static boolean flag(Map<String, String> p, String name) {
        return p.containsKey(name) && Values.flag(name, p.get(name));
    }
}
