package dev.pictor.request;

import dev.pictor.edit.Keys;
import static dev.pictor.request.JsonValues.color;
import static dev.pictor.request.JsonValues.names;
import static dev.pictor.request.JsonValues.number;
import static dev.pictor.request.JsonValues.text;
import static dev.pictor.request.JsonValues.truthy;
import static dev.pictor.request.JsonValues.whole;
import static dev.pictor.request.JsonValues.wholeField;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.pictor.edit.Moderation;
import dev.pictor.edit.Affine;
import dev.pictor.edit.Channels;
import dev.pictor.edit.Clahe;
import dev.pictor.edit.Extend;
import dev.pictor.edit.Linear;
import dev.pictor.edit.Median;
import dev.pictor.edit.Modulate;
import dev.pictor.edit.Recomb;
import dev.pictor.edit.Threshold;
import dev.pictor.edit.Tint;
import dev.pictor.edit.Upright;
import dev.pictor.edit.Trim;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Serverless Image Handler's edits, sharp's vocabulary, as our edits: a table of readers by name. As in the
 * handler, {@code resize} runs first and the rest in the order written, and an edit outside its list is ignored (with
 * a log line); a bad value is a 400 naming it.
 */
final class SihEdits {

    private static final Set<String> FORMAT_EDITS = Set.of("jpeg", "png", "webp", "avif", "tiff", "heif", "gif");

    private final Limits limits;
    /** Whether Amazon Rekognition is called (REKOGNITION_ENABLED): face smartCrop and contentModeration. */
    private final boolean rekognition;

    SihEdits(Limits limits, boolean rekognition) {
        this.limits = limits;
        this.rekognition = rekognition;
    }

    /** SIH's defaults: labels at 75 percent confidence or more, blurred with sigma 50, whichever label it is. */
    private static Moderation moderation(JsonNode v) {
        if (!v.isObject()) {
            return new Moderation(75, 50, List.of());
        }
        for (String field : JsonValues.names(v)) {
            if (!Set.of("minConfidence", "blur", "moderationLabels").contains(field)) {
                throw ImageException.invalidParameter("contentModeration has no field '" + field
                        + "'; known: minConfidence, blur, moderationLabels");
            }
        }
        JsonNode confidence = v.get("minConfidence");
        JsonNode blur = v.get("blur");
        JsonNode labels = v.get("moderationLabels");
        List<String> names = new java.util.ArrayList<>();
        if (labels != null && !labels.isNull()) {
            if (!labels.isArray()) {
                throw ImageException.invalidParameter("contentModeration moderationLabels must be a list of names");
            }
            labels.forEach(label -> names.add(text(label, "contentModeration moderationLabels")));
        }
        return new Moderation(confidence == null || confidence.isNull() ? 75
                : number(confidence, "contentModeration minConfidence"),
                blur == null || blur.isNull() ? 50 : number(blur, "contentModeration blur"), names);
    }

    /** What a request's edits build: the edits in order and the output, read one field at a time. */
    private final class Built {
        final ObjectNode all;
        final List<Edit> edits = new ArrayList<>();
        Output output;

        Built(ObjectNode all, Output output) {
            this.all = all;
            this.output = output;
        }

        boolean rekognition() {
            return rekognition;
        }

        /** The edit, made only when it is wanted: an unwanted one's value need not be valid. */
        void addIf(boolean wanted, java.util.function.Supplier<Edit> edit) {
            if (wanted) {
                edits.add(edit.get());
            }
        }
    }

    /** One field of {@code edits}: its value, its name, and what it adds to. */
    private interface Reader {
        void read(JsonNode v, String name, Built b);
    }

    /**
     * sharp's gamma works inside its resize, in floating point: drawn as two 8-bit passes around ours it would crush
     * the shadows and cost the decode its shrink. Refused rather than drawn badly.
     */
    private static final Set<String> NOT_DRAWN = Set.of("gamma");

    /** sharp's operations whose operand is another image, a file or buffer: a URL must not name a file to read. */
    private static final Set<String> IMAGE_OPERAND = Set.of("boolean", "joinChannel");

    private static final System.Logger LOG = System.getLogger(SihEdits.class.getName());

    /** The edits by name, in sharp's vocabulary; {@code resize} is read first, whatever its place. */
    private static final java.util.Map<String, Reader> READERS = java.util.Map.ofEntries(
            java.util.Map.entry("resize", (v, name, b) -> { }),
            java.util.Map.entry("grayscale", (v, name, b) -> b.addIf(truthy(v, name), () -> new Grayscale())),
            java.util.Map.entry("greyscale", (v, name, b) -> b.addIf(truthy(v, name), () -> new Grayscale())),
            java.util.Map.entry("flip", (v, name, b) -> b.addIf(truthy(v, name), () -> new Flip())),
            java.util.Map.entry("flop", (v, name, b) -> b.addIf(truthy(v, name), () -> new Flop())),
            java.util.Map.entry("negate", (v, name, b) -> b.addIf(truthy(v, name), () -> new Negate())),
            java.util.Map.entry("normalize", (v, name, b) -> b.addIf(truthy(v, name), () -> new Normalize())),
            java.util.Map.entry("normalise", (v, name, b) -> b.addIf(truthy(v, name), () -> new Normalize())),
            // null asks only for auto-orientation, which every render gets: it still makes the answer a render.
            java.util.Map.entry("rotate", (v, name, b) -> b.addIf(v.isNull() || number(v, name) % 360 != 0, () ->
                    v.isNull() ? new Upright() : new Rotate(number(v, name)))),
            java.util.Map.entry("blur", (v, name, b) -> b.addIf(v.isNumber() || truthy(v, name), () -> new Blur(
                    v.isNumber() ? Checks.inRange("blur", v.asDouble(), 0.3, Blur.MAX_SIGMA) : 1))),
            java.util.Map.entry("sharpen", (v, name, b) -> sharpen(v).ifPresent(b.edits::add)),
            java.util.Map.entry("tint", (v, name, b) -> b.edits.add(new Tint(color(v, name)))),
            java.util.Map.entry("flatten", (v, name, b) -> b.addIf(v.isObject() || truthy(v, name), () ->
                    new Flatten(v.isObject() && v.has("background")
                            ? color(v.get("background"), "flatten background") : Color.BLACK))),
            java.util.Map.entry("extract", (v, name, b) -> b.edits.add(crop(v, name))),
            java.util.Map.entry("crop", (v, name, b) -> b.edits.add(crop(v, name))),
            java.util.Map.entry("trim", (v, name, b) -> {
                JsonNode threshold = v.isObject() ? v.get("threshold") : v.isNumber() ? v : null;
                b.addIf(v.isNumber() || v.isObject() || truthy(v, name), () -> new Trim(false,
                        threshold == null ? 10 : whole(threshold, "trim threshold")));
            }),
            java.util.Map.entry("convolve", (v, name, b) -> b.edits.add(convolve(v))),
            java.util.Map.entry("overlayWith", (v, name, b) -> b.edits.add(overlay(v))),
            java.util.Map.entry("roundCrop", (v, name, b) -> roundCrop(v).ifPresent(b.edits::add)),
            java.util.Map.entry("smartCrop", (v, name, b) -> {
                if (v.isObject() || truthy(v, name)) {
                    b.edits.add(smartCrop(v, b.rekognition()));
                }
            }),
            java.util.Map.entry("contentModeration", (v, name, b) -> {
                if (!b.rekognition()) {
                    throw ImageException.invalidParameter("contentModeration needs Amazon Rekognition: set"
                            + " REKOGNITION_ENABLED=true (and allow rekognition:DetectModerationLabels), or blur"
                            + " the image with \"blur\"");
                }
                b.addIf(v.isObject() || truthy(v, name), () -> moderation(v));
            }),
            java.util.Map.entry("modulate", (v, name, b) -> b.edits.add(modulate(v))),
            java.util.Map.entry("extend", (v, name, b) -> b.edits.add(extend(v))),
            java.util.Map.entry("median", (v, name, b) -> b.addIf(v.isNumber() || truthy(v, name),
                    () -> new Median(v.isNumber() ? whole(v, "median size") : 3))),
            java.util.Map.entry("threshold", (v, name, b) -> {
                int level = v.isNumber() ? whole(v, "threshold") : truthy(v, name) ? 128 : 0;
                // sharp: 0 switches the threshold off.
                b.addIf(level != 0, () -> new Threshold(level, true));
            }),
            java.util.Map.entry("linear", (v, name, b) -> b.edits.add(linear(v))),
            java.util.Map.entry("recomb", (v, name, b) -> b.edits.add(recomb(v))),
            java.util.Map.entry("removeAlpha", (v, name, b) -> b.addIf(truthy(v, name),
                    () -> new Channels(Channels.Operation.REMOVE_ALPHA, 0))),
            java.util.Map.entry("ensureAlpha", (v, name, b) -> b.addIf(v.isNumber() || truthy(v, name),
                    () -> new Channels(Channels.Operation.ENSURE_ALPHA, v.isNumber() ? v.asDouble() : 1))),
            java.util.Map.entry("unflatten", (v, name, b) -> b.addIf(truthy(v, name),
                    () -> new Channels(Channels.Operation.UNFLATTEN, 0))),
            java.util.Map.entry("extractChannel", (v, name, b) -> b.edits.add(new Channels(Channels.Operation.EXTRACT,
                    channel(v)))),
            java.util.Map.entry("bandbool", (v, name, b) -> b.edits.add(new Channels(switch (text(v, name)) {
                case "and" -> Channels.Operation.AND;
                case "or" -> Channels.Operation.OR;
                case "eor" -> Channels.Operation.EOR;
                default -> throw ImageException.invalidParameter("bandbool must be and, or or eor, got " + v);
            }, 0))),
            java.util.Map.entry("toColourspace", (v, name, b) -> colourspace(v, name, b)),
            java.util.Map.entry("toColorspace", (v, name, b) -> colourspace(v, name, b)),
            java.util.Map.entry("pipelineColourspace", (v, name, b) -> pipeline(v, name)),
            java.util.Map.entry("pipelineColorspace", (v, name, b) -> pipeline(v, name)),
            java.util.Map.entry("clahe", (v, name, b) -> b.edits.add(clahe(v))),
            java.util.Map.entry("affine", (v, name, b) -> b.edits.add(affine(v))),
            java.util.Map.entry("animated", (v, name, b) -> b.output = b.output.withFirstFrame(!truthy(v, name))),
            java.util.Map.entry("toFormat", (v, name, b) -> b.output = b.output.withFormat(ImageFormat.parseOutput(
                    "toFormat", v.isObject() && v.has("format") ? text(v.get("format"), name) : text(v, name)))));

    EditChain chain(JsonNode editsNode, JsonNode outputFormat) {
        Output output = Output.DEFAULT;
        if (outputFormat != null && !outputFormat.isNull()) {
            output = output.withFormat(ImageFormat.parseOutput("outputFormat", text(outputFormat, "outputFormat")));
        }
        if (editsNode == null || editsNode.isNull()) {
            return new EditChain(List.of(), output);
        }
        if (!(editsNode instanceof ObjectNode all)) {
            throw ImageException.invalidParameter("edits must be a JSON object");
        }
        Built built = new Built(all, output);
        if (all.has("resize")) {
            resize(all.get("resize")).ifPresent(built.edits::add);
        }
        for (String name : names(all)) {
            JsonNode v = all.get(name);
            Reader reader = READERS.get(name);
            if (reader != null) {
                reader.read(v, name, built);
            } else if (FORMAT_EDITS.contains(name)) {
                built.output = formatEdit(built.output, name, v, all.has("toFormat"));
            } else if (NOT_DRAWN.contains(name)) {
                throw ImageException.invalidParameter("sharp's " + name + " is not supported: it applies inside"
                        + " sharp's resize, in floating point, which this server's resize does not reproduce");
            } else if (IMAGE_OPERAND.contains(name)) {
                throw ImageException.invalidParameter("sharp's " + name + " takes another image as its operand, a"
                        + " file the request would name: not served");
            } else {
                // As the Serverless Image Handler: an edit outside its list is not executed, and the image is served.
                LOG.log(System.Logger.Level.WARNING, "SIH edit '" + name + "' ignored: not one of sharp's"
                        + " operations the handler runs");
            }
        }
        return new EditChain(built.edits, built.output);
    }

    /** sharp's clahe: the window's width and height, and the slope limit (3 by default). */
    private static Clahe clahe(JsonNode v) {
        if (!v.isObject() || v.get("width") == null || v.get("height") == null) {
            throw ImageException.invalidParameter("clahe must be {\"width\", \"height\"[, \"maxSlope\"]}");
        }
        JsonNode slope = v.get("maxSlope");
        return new Clahe(whole(v.get("width"), "clahe width"), whole(v.get("height"), "clahe height"),
                slope == null || slope.isNull() ? 3 : whole(slope, "clahe maxSlope"));
    }

    /** sharp's affine: a 2x2 matrix, as two rows or four numbers; the background black, as sharp's default. */
    private static Affine affine(JsonNode v) {
        List<Double> m = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (item.isArray()) {
                    item.forEach(x -> m.add(number(x, "affine")));
                } else {
                    m.add(number(item, "affine"));
                }
            }
        }
        if (m.size() != 4 || !(v.size() == 4 || v.size() == 2 && v.get(0).size() == 2 && v.get(1).size() == 2)) {
            throw ImageException.invalidParameter("affine must be a 2x2 matrix: [[a, b], [c, d]] or [a, b, c, d]");
        }
        return new Affine(m.get(0), m.get(1), m.get(2), m.get(3), Color.BLACK);
    }

    /** sharp's modulate: brightness and saturation multiply (default 1), hue turns (degrees), lightness adds. */
    private static Modulate modulate(JsonNode v) {
        if (!v.isObject()) {
            throw ImageException.invalidParameter("modulate must be {\"brightness\", \"saturation\", \"hue\","
                    + " \"lightness\"}");
        }
        return new Modulate(field(v, "brightness", 1), field(v, "saturation", 1), field(v, "hue", 0),
                field(v, "lightness", 0));
    }

    private static double field(JsonNode v, String field, double otherwise) {
        JsonNode value = v.get(field);
        return value == null || value.isNull() ? otherwise : number(value, "modulate " + field);
    }

    /** sharp's extend: a number for every side, or the sides and a background (black by default, as sharp). */
    private static Extend extend(JsonNode v) {
        if (v.isNumber()) {
            int all = whole(v, "extend");
            return new Extend(all, all, all, all, Color.BLACK);
        }
        if (!v.isObject()) {
            throw ImageException.invalidParameter("extend must be a number of pixels or {\"top\", \"right\","
                    + " \"bottom\", \"left\", \"background\"}");
        }
        JsonNode mode = v.get("extendWith");
        if (mode != null && !mode.isNull() && !text(mode, "extend extendWith").equals("background")) {
            throw ImageException.invalidParameter("extend extendWith: only background is supported, got " + mode);
        }
        JsonNode background = v.get("background");
        return new Extend(side(v, "top"), side(v, "right"), side(v, "bottom"), side(v, "left"),
                background == null || background.isNull() ? Color.BLACK : color(background, "extend background"));
    }

    private static int side(JsonNode v, String side) {
        JsonNode value = v.get(side);
        return value == null || value.isNull() ? 0 : whole(value, "extend " + side);
    }

    /** sharp's linear(a): one multiplier, or one per channel, each with an offset of 0. */
    private static Linear linear(JsonNode v) {
        List<Double> a = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(item -> a.add(number(item, "linear")));
        } else {
            a.add(number(v, "linear"));
        }
        return new Linear(a, a.stream().map(x -> 0.0).toList());
    }

    /** sharp's recomb: a 3x3 matrix as three rows. */
    private static Recomb recomb(JsonNode v) {
        List<Double> matrix = new ArrayList<>();
        if (!v.isArray() || v.size() != 3) {
            throw ImageException.invalidParameter("recomb must be a 3x3 matrix, three rows of three numbers");
        }
        for (JsonNode row : v) {
            if (!row.isArray() || row.size() != 3) {
                throw ImageException.invalidParameter("recomb must be a 3x3 matrix, three rows of three numbers");
            }
            row.forEach(item -> matrix.add(number(item, "recomb")));
        }
        return new Recomb(matrix);
    }

    private static int channel(JsonNode v) {
        if (v.isNumber()) {
            return whole(v, "extractChannel");
        }
        return switch (text(v, "extractChannel")) {
            case "red" -> 0;
            case "green" -> 1;
            case "blue" -> 2;
            case "alpha" -> 3;
            default -> throw ImageException.invalidParameter("extractChannel must be red, green, blue, alpha or 0 to"
                    + " 3, got " + v);
        };
    }

    /** b-w is a grey image; sRGB is what every image is here already. */
    private static void colourspace(JsonNode v, String name, Built b) {
        switch (text(v, name).toLowerCase(java.util.Locale.ROOT)) {
            case "b-w" -> b.edits.add(new Grayscale());
            case "srgb", "rgb" -> { }
            default -> throw ImageException.invalidParameter(name + ": only b-w and srgb are supported, got " + v);
        }
    }

    /** The working precision of sharp's pipeline: ours is 8-bit sRGB, which these name. */
    private static void pipeline(JsonNode v, String name) {
        if (!Set.of("srgb", "rgb", "rgb16").contains(text(v, name).toLowerCase(java.util.Locale.ROOT))) {
            throw ImageException.invalidParameter(name + ": only srgb, rgb and rgb16 are supported, got " + v);
        }
    }

    /** Without Rekognition the subject by saliency stands in for the face, and faceIndex has no meaning. */
    private static SubjectCrop smartCrop(JsonNode v, boolean rekognition) {
        JsonNode padding = v.isObject() ? v.get("padding") : null;
        JsonNode face = v.isObject() ? v.get("faceIndex") : null;
        int pad = padding == null || padding.isNull() ? 0 : whole(padding, "smartCrop padding");
        return rekognition ? new SubjectCrop(pad, java.util.OptionalInt.of(face == null || face.isNull() ? 0
                : whole(face, "smartCrop faceIndex"))) : new SubjectCrop(pad);
    }

    /** {@code "jpeg": {"quality": 80}}: as in sharp, names the output format (unless toFormat does) and its quality. */
    private static Output formatEdit(Output output, String name, JsonNode v, boolean toFormatNamed) {
        if (!v.isObject() && !truthy(v, name)) {
            return output;
        }
        Output out = toFormatNamed ? output : output.withFormat(ImageFormat.parseOutput(name, name));
        JsonNode quality = v.isObject() ? v.get("quality") : null;
        return quality == null ? out : out.withQuality(whole(quality, name + " quality"));
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
            // The ratio applies after the sizes were checked: its product is checked again, as sharp would make it.
            width = Extent.pixels(Checks.inRange("resize width times ratio", (int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, Math.round(((Extent.Pixels) width).value() * ratio))), 1, limits.maxWidth()));
            height = Extent.pixels(Checks.inRange("resize height times ratio", (int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, Math.round(((Extent.Pixels) height).value() * ratio))), 1, limits.maxHeight()));
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
        return v.isNumber() ? Positions.parse("resize position", whole(v, "resize position"))
                : Positions.parse("resize position", v.asText());
    }

    /** sharp's width and height: null or absent keeps the aspect ratio, 0 is an error (as sharp refuses it). */
    private static Extent extent(JsonNode v, String name, int max) {
        return v == null || v.isNull() ? Extent.AUTO : Values.extent(name, Math.round(number(v, name)), max, false);
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
        return v == null || v.isNull() ? Placement.CENTER : Placement.sih(name, v.asText());
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
}
