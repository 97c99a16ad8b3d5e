package dev.pictor.request;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.edit.Blur;
import dev.pictor.edit.Checks;
import dev.pictor.edit.Color;
import dev.pictor.edit.Convolve;
import dev.pictor.edit.Crop;
import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Extent;
import dev.pictor.edit.Fit;
import dev.pictor.edit.Flatten;
import dev.pictor.edit.Flip;
import dev.pictor.edit.Flop;
import dev.pictor.edit.Gravity;
import dev.pictor.edit.Grayscale;
import dev.pictor.edit.ImageFormat;
import dev.pictor.edit.Negate;
import dev.pictor.edit.Normalize;
import dev.pictor.edit.Output;
import dev.pictor.edit.Placement;
import dev.pictor.edit.Proportion;
import dev.pictor.edit.Resize;
import dev.pictor.edit.Rotate;
import dev.pictor.edit.RoundCrop;
import dev.pictor.edit.Sharpen;
import dev.pictor.edit.SubjectCrop;
import dev.pictor.edit.Tint;
import dev.pictor.edit.Trim;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Serverless Image Handler's base64-encoded JSON requests: {@code /<base64 of {"bucket","key","edits",
 * "outputFormat"}>}. The edits are sharp's vocabulary; as in the handler, {@code resize} runs first and the rest in
 * the order written. Unlike the handler, an edit we do not know or cannot do is a 400 naming it, not ignored.
 */
final class SihJsonParser {

    private static final Pattern BASE64 = Pattern.compile("[0-9A-Za-z+/_-]{8,}={0,2}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORMAT_EDITS = Set.of("jpeg", "png", "webp", "avif", "tiff", "heif", "gif");
    private final Limits limits;

    SihJsonParser(Limits limits) {
        this.limits = limits;
    }

    /**
     * The JSON object a path encodes, when it is one: base64 (standard or URL-safe alphabet) of text that starts
     * with '{'. A path that decodes to anything else is not ours and another dialect reads it.
     */
    static Optional<ObjectNode> decode(String rawPath) {
        String text = PathText.decodePath(rawPath.substring(1));
        if (!BASE64.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // Java's decoder takes the padding as optional; the URL-safe alphabet is mapped onto the standard one.
            bytes = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String json = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw ImageException.badRequest("CannotDecodeRequest",
                "the path is base64 of text that is not a JSON object: "
                        + json.substring(0, Math.min(40, json.length())));
    }

    ImageRequest parse(ObjectNode request, Optional<Signature> signature) {
        for (String field : names(request)) {
            if (!Set.of("bucket", "key", "edits", "outputFormat", "effort").contains(field)) {
                throw ImageException.invalidParameter("unknown request field '" + field
                        + "'; known: bucket, key, edits, outputFormat, effort");
            }
        }
        Optional<String> bucket = Optional.ofNullable(request.get("bucket")).filter(b -> !b.isNull())
                .map(b -> Keys.requireBucketName(text(b, "bucket")));
        JsonNode key = request.get("key");
        if (key == null || key.isNull()) {
            throw ImageException.badRequest("MissingKey", "the request names no key");
        }
        EditChain chain = chain(request.get("edits"), request.get("outputFormat"));
        return new ImageRequest(bucket, Keys.requireSafe(text(key, "key")), chain, signature);
    }

    private EditChain chain(JsonNode editsNode, JsonNode outputFormat) {
        List<Edit> edits = new ArrayList<>();
        Output output = Output.DEFAULT;
        if (outputFormat != null && !outputFormat.isNull()) {
            output = output.withFormat(ImageFormat.parseOutput("outputFormat", text(outputFormat, "outputFormat")));
        }
        if (editsNode == null || editsNode.isNull()) {
            return new EditChain(edits, output);
        }
        if (!(editsNode instanceof ObjectNode all)) {
            throw ImageException.invalidParameter("edits must be a JSON object");
        }
        if (all.has("resize")) {
            resize(all.get("resize")).ifPresent(edits::add);
        }
        for (String name : names(all)) {
            JsonNode v = all.get(name);
            switch (name) {
                case "resize" -> { }
                case "grayscale", "greyscale" -> addIf(edits, truthy(v, name), new Grayscale());
                case "flip" -> addIf(edits, truthy(v, name), new Flip());
                case "flop" -> addIf(edits, truthy(v, name), new Flop());
                case "negate" -> addIf(edits, truthy(v, name), new Negate());
                case "normalize", "normalise" -> addIf(edits, truthy(v, name), new Normalize());
                case "rotate" -> {
                    // null asks only for auto-orientation, which every request gets.
                    if (!v.isNull() && number(v, name) % 360 != 0) {
                        edits.add(new Rotate(number(v, name)));
                    }
                }
                case "blur" -> {
                    if (v.isNumber()) {
                        edits.add(new Blur(Checks.inRange("blur", v.asDouble(), 0.3, Blur.MAX_SIGMA)));
                    } else {
                        addIf(edits, truthy(v, name), new Blur(1));
                    }
                }
                case "sharpen" -> sharpen(v).ifPresent(edits::add);
                case "tint" -> edits.add(new Tint(color(v, name)));
                case "flatten" -> {
                    if (v.isObject() && v.has("background")) {
                        edits.add(new Flatten(color(v.get("background"), "flatten background")));
                    } else {
                        addIf(edits, v.isObject() || truthy(v, name), new Flatten(Color.BLACK));
                    }
                }
                case "extract", "crop" -> edits.add(crop(v, name));
                case "trim" -> {
                    if (v.isNumber() || v.isObject()) {
                        JsonNode t = v.isObject() ? v.get("threshold") : v;
                        edits.add(new Trim(false, t == null ? 10 : (int) Math.round(number(t, "trim threshold"))));
                    } else {
                        addIf(edits, truthy(v, name), new Trim(false, 10));
                    }
                }
                case "convolve" -> edits.add(convolve(v));
                case "overlayWith" -> edits.add(overlay(v));
                case "roundCrop" -> roundCrop(v).ifPresent(edits::add);
                case "smartCrop" -> {
                    if (v.isObject() || truthy(v, name)) {
                        JsonNode padding = v.isObject() ? v.get("padding") : null;
                        edits.add(new SubjectCrop(padding == null ? 0 : (int) number(padding, "smartCrop padding")));
                    }
                }
                case "contentModeration" -> throw ImageException.invalidParameter("contentModeration needs Amazon"
                        + " Rekognition's moderation labels, which this server does not call; blur the image with"
                        + " \"blur\" instead");
                case "animated" -> output = output.withFirstFrame(!truthy(v, name));
                case "toFormat" -> output = output.withFormat(ImageFormat.parseOutput("toFormat",
                        v.isObject() && v.has("format") ? text(v.get("format"), name) : text(v, name)));
                default -> {
                    if (!FORMAT_EDITS.contains(name)) {
                        throw ImageException.invalidParameter("unknown or unsupported edit '" + name + "'");
                    }
                    output = formatEdit(output, name, v, all.has("toFormat"));
                }
            }
        }
        return new EditChain(edits, output);
    }

    /** {@code "jpeg": {"quality": 80}}: as in sharp, names the output format (unless toFormat does) and its quality. */
    private static Output formatEdit(Output output, String name, JsonNode v, boolean toFormatNamed) {
        if (!v.isObject() && !truthy(v, name)) {
            return output;
        }
        Output out = toFormatNamed ? output : output.withFormat(ImageFormat.parseOutput(name, name));
        JsonNode quality = v.isObject() ? v.get("quality") : null;
        return quality == null ? out
                : out.withQuality(Checks.inRange(name + " quality", (int) Math.round(number(quality, "quality")), 1,
                        100));
    }

    private Optional<Edit> resize(JsonNode v) {
        if (v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw ImageException.invalidParameter("resize must be an object like {\"width\": 300}");
        }
        for (String field : names(v)) {
            if (!Set.of("width", "height", "fit", "position", "background", "withoutEnlargement", "ratio", "kernel",
                    "fastShrinkOnLoad").contains(field)) {
                throw ImageException.invalidParameter("unknown resize option '" + field + "'");
            }
        }
        Extent width = extent(v.get("width"), "resize width", limits.maxWidth());
        Extent height = extent(v.get("height"), "resize height", limits.maxHeight());
        JsonNode ratioNode = v.get("ratio");
        if (ratioNode != null && !ratioNode.isNull()) {
            double ratio = Checks.inRange("resize ratio", number(ratioNode, "resize ratio"), 0.001, 100);
            if (width == Extent.AUTO || height == Extent.AUTO) {
                return Optional.of(new Proportion(ratio));
            }
            width = Extent.pixels(Math.max(1, (int) Math.round(((Extent.Pixels) width).value() * ratio)));
            height = Extent.pixels(Math.max(1, (int) Math.round(((Extent.Pixels) height).value() * ratio)));
        }
        if (width == Extent.AUTO && height == Extent.AUTO) {
            return Optional.empty();
        }
        JsonNode fitNode = v.get("fit");
        Fit fit = fitNode == null || fitNode.isNull() ? Fit.COVER : Fit.parse("resize fit", text(fitNode, "fit"));
        Resize resize = Resize.of(width, height, fit).withoutEnlargement(truthy(v.get("withoutEnlargement"),
                "withoutEnlargement")).withGravity(position(v.get("position")));
        JsonNode background = v.get("background");
        return Optional.of(background == null || background.isNull() ? resize
                : resize.withBackground(color(background, "resize background")));
    }

    private static Gravity position(JsonNode v) {
        if (v == null || v.isNull()) {
            return Gravity.CENTER;
        }
        return v.isNumber() ? Positions.parse("resize position", v.asInt())
                : Positions.parse("resize position", v.asText());
    }

    private static Extent extent(JsonNode v, String name, int max) {
        if (v == null || v.isNull()) {
            return Extent.AUTO;
        }
        long value = Math.round(number(v, name));
        if (value <= 0) {
            throw ImageException.invalidParameter(name + " must be a positive number of pixels, got " + v.asText());
        }
        return Extent.pixels(Checks.inRange(name, (int) Math.min(value, Integer.MAX_VALUE), 1, max));
    }

    private static Optional<Edit> sharpen(JsonNode v) {
        if (v.isNumber()) {
            return Optional.of(new Sharpen(1, Checks.inRange("sharpen sigma", v.asDouble(), 0.3, 10), false));
        }
        if (v.isObject()) {
            JsonNode sigma = v.get("sigma");
            JsonNode m2 = v.get("m2");
            // sharp's m2 (default 2) is the gain in detailed areas; our amount 1 matches its default look.
            return Optional.of(new Sharpen(m2 == null ? 1 : Checks.inRange("sharpen m2", number(m2, "m2"), 0, 20) / 2,
                    sigma == null ? 1 : Checks.inRange("sharpen sigma", number(sigma, "sigma"), 0.3, 10), false));
        }
        return truthy(v, "sharpen") ? Optional.of(Sharpen.DEFAULT) : Optional.empty();
    }

    private static Crop crop(JsonNode v, String name) {
        if (!v.isObject()) {
            throw ImageException.invalidParameter(name + " must be {\"left\", \"top\", \"width\", \"height\"}");
        }
        int left = wholeField(v, "left", name);
        int top = wholeField(v, "top", name);
        int width = wholeField(v, "width", name);
        int height = wholeField(v, "height", name);
        if (width <= 0 || height <= 0) {
            throw ImageException.invalidParameter(name + " width and height must be positive");
        }
        return new Crop(left, top, left + width, top + height);
    }

    private static Convolve convolve(JsonNode v) {
        JsonNode kernel = v.get("kernel");
        if (!v.isObject() || kernel == null || !kernel.isArray()) {
            throw ImageException.invalidParameter("convolve must be {\"width\", \"height\", \"kernel\": [...]}");
        }
        List<Double> values = new ArrayList<>();
        kernel.forEach(k -> values.add(number(k, "convolve kernel value")));
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        JsonNode scale = v.get("scale");
        JsonNode offset = v.get("offset");
        return new Convolve(wholeField(v, "width", "convolve"), wholeField(v, "height", "convolve"), values,
                scale == null ? (sum == 0 ? 1 : sum) : number(scale, "convolve scale"),
                offset == null ? 0 : number(offset, "convolve offset"));
    }

    /** sharp's composite through the handler: positions in pixels or "Np" percent of the image, alpha 0-100. */
    private static Watermark overlay(JsonNode v) {
        if (!v.isObject() || v.get("key") == null) {
            throw ImageException.invalidParameter("overlayWith needs at least a key");
        }
        Optional<String> bucket = Optional.ofNullable(v.get("bucket")).filter(b -> !b.isNull())
                .map(b -> Keys.requireBucketName(text(b, "overlayWith bucket")));
        JsonNode options = v.get("options");
        Placement left = placement(options == null ? null : options.get("left"), "overlayWith left");
        Placement top = placement(options == null ? null : options.get("top"), "overlayWith top");
        return new Watermark(bucket, Keys.requireSafe(text(v.get("key"), "overlayWith key")), left, top,
                percent(v.get("alpha"), "overlayWith alpha").map(Double::intValue).orElse(0),
                percent(v.get("wRatio"), "overlayWith wRatio").filter(r -> r > 0),
                percent(v.get("hRatio"), "overlayWith hRatio").filter(r -> r > 0));
    }

    private static Placement placement(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return Placement.CENTER;
        }
        String text = v.asText().trim();
        try {
            return text.endsWith("p")
                    ? new Placement(Placement.Kind.SHARE_OF_IMAGE,
                            Integer.parseInt(text.substring(0, text.length() - 1)))
                    : new Placement(Placement.Kind.PIXELS, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw ImageException.invalidParameter(name + " must be pixels or a percentage like \"10p\", got '"
                    + text + "'");
        }
    }

    private static Optional<Double> percent(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(Checks.inRange(name, number(v, name), 0, 100));
    }

    private static Optional<Edit> roundCrop(JsonNode v) {
        if (v.isObject()) {
            return Optional.of(new RoundCrop(positive(v.get("rx")), positive(v.get("ry")), positive(v.get("left")),
                    positive(v.get("top"))));
        }
        return truthy(v, "roundCrop") ? Optional.of(RoundCrop.CENTERED) : Optional.empty();
    }

    /** The handler falls back to its default for a value that is missing, zero or negative. */
    private static Optional<Double> positive(JsonNode v) {
        return v == null || !v.isNumber() || v.asDouble() <= 0 ? Optional.empty() : Optional.of(v.asDouble());
    }

    private static Color color(JsonNode v, String name) {
        if (v.isTextual()) {
            return Color.parse(name, v.asText());
        }
        if (v.isObject()) {
            JsonNode alpha = v.get("alpha");
            return new Color(wholeField(v, "r", name), wholeField(v, "g", name), wholeField(v, "b", name),
                    alpha == null ? 255 : (int) Math.round(Checks.inRange(name + " alpha", number(alpha, "alpha"), 0, 1)
                            * 255));
        }
        throw ImageException.invalidParameter(name + " must be a colour: a name, hex, or {\"r\", \"g\", \"b\"}");
    }

    private static int wholeField(JsonNode v, String field, String name) {
        JsonNode value = v.get(field);
        if (value == null) {
            throw ImageException.invalidParameter(name + " needs '" + field + "'");
        }
        return (int) Math.round(number(value, name + " " + field));
    }

    private static double number(JsonNode v, String name) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return Values.decimal(name, v.asText());
        }
        throw ImageException.invalidParameter(name + " must be a number, got " + v);
    }

    private static boolean truthy(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return Values.flag(name, v.asText());
        }
        throw ImageException.invalidParameter(name + " must be true or false, got " + v);
    }

    private static String text(JsonNode v, String name) {
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw ImageException.invalidParameter(name + " must be a non-empty string");
        }
        return v.asText();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void addIf(List<Edit> edits, boolean condition, Edit edit) {
        if (condition) {
            edits.add(edit);
        }
    }
}
