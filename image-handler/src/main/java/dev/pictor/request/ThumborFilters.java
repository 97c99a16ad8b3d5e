package dev.pictor.request;

import dev.pictor.edit.Keys;
import dev.pictor.edit.Backdrop;
import dev.pictor.edit.Blur;
import dev.pictor.edit.Flatten;
import dev.pictor.edit.Frame;
import dev.pictor.edit.Brightness;
import dev.pictor.edit.Checks;
import dev.pictor.edit.Color;
import dev.pictor.edit.Colorize;
import dev.pictor.edit.Curve;
import dev.pictor.edit.Contrast;
import dev.pictor.edit.Convolve;
import dev.pictor.edit.Noise;
import dev.pictor.edit.RoundCorner;
import dev.pictor.edit.Equalize;
import dev.pictor.edit.Grayscale;
import dev.pictor.edit.ImageFormat;
import dev.pictor.edit.Placement;
import dev.pictor.edit.Proportion;
import dev.pictor.edit.Rgb;
import dev.pictor.edit.Rotate;
import dev.pictor.edit.Saturation;
import dev.pictor.edit.Sharpen;
import dev.pictor.edit.Upright;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Thumbor's filters, each a small plugin: its name, how many arguments it takes, and what it does to the options.
 * Unlike Thumbor, an unknown filter or a bad argument is an error, never silently skipped.
 */
final class ThumborFilters {

    /** One filter: a name, its arity, and its effect. */
    private record Filter(String name, int minArgs, int maxArgs, BiConsumer<Args, ThumborOptions> apply) {
    }

    /** The arguments of one filter call, read with messages that name the filter. */
    record Args(String filter, List<String> values) {
        /** As Thumbor's String type: single quotes around a value are not part of it. */
        String text(int i) {
            String value = values.get(i).trim();
            return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                    ? value.substring(1, value.length() - 1) : value;
        }

        int integer(int i) {
            return Values.integer(filter + " argument " + (i + 1), text(i));
        }

        double decimal(int i) {
            return Values.decimal(filter + " argument " + (i + 1), text(i));
        }

        boolean has(int i) {
            return i < values.size() && !text(i).isEmpty();
        }

        /** A watermark's size ratio: none, or 0 (Thumbor reads it as none), means no bound. */
        Optional<Double> ratio(int i) {
            return has(i) && !text(i).equalsIgnoreCase("none") && decimal(i) != 0 ? Optional.of(decimal(i))
                    : Optional.empty();
        }
    }

    private static final Map<String, Filter> FILTERS = List.of(
            new Filter("format", 1, 1, (a, o) -> o.output = o.output.withFormat(
                    ImageFormat.parseOutput("format", a.text(0)))),
            // Thumbor hands 0 to its encoder, which reads it as the lowest quality.
            new Filter("quality", 1, 1, (a, o) -> o.output = o.output.withQuality(Math.max(1, a.integer(0)))),
            new Filter("grayscale", 0, 0, (a, o) -> o.filters.add(new Grayscale())),
            new Filter("blur", 1, 2, (a, o) -> o.filters.add(blur(a, o.sihMapping))),
            // rotate() with no angle is SIH's auto-orientation: the pixels upright, as a render.
            new Filter("rotate", 0, 1, (a, o) -> {
                if (a.has(0)) {
                    // Thumbor takes any whole number of degrees, a full turn being no turn.
                    o.filters.add(new Rotate(a.decimal(0) % 360));
                } else {
                    upright(o);
                }
            }),
            new Filter("sharpen", 1, 3, (a, o) -> o.filters.add(new Sharpen(a.decimal(0),
                    a.has(1) ? a.decimal(1) : 1, a.has(2) && Values.flag("sharpen luminance_only", a.text(2))))),
            new Filter("fill", 1, 2, ThumborFilters::fill),
            new Filter("background_color", 1, 1, (a, o) -> o.output = o.output.withBackground(
                    Color.parse("background_color", a.text(0)))),
            new Filter("upscale", 0, 0, (a, o) -> o.upscale = Optional.of(true)),
            new Filter("no_upscale", 0, 0, (a, o) -> o.upscale = Optional.of(false)),
            // Rendered outputs never carry EXIF or ICC data (pixels are converted to sRGB): asked for, these make the
            // answer a render even when nothing else is asked.
            new Filter("strip_exif", 0, 0, (a, o) -> upright(o)),
            new Filter("strip_icc", 0, 0, (a, o) -> upright(o)),
            new Filter("brightness", 1, 1, (a, o) -> o.filters.add(new Brightness(a.integer(0)))),
            new Filter("contrast", 1, 1, (a, o) -> o.filters.add(new Contrast(a.integer(0)))),
            new Filter("rgb", 3, 3, (a, o) -> o.filters.add(new Rgb(a.integer(0), a.integer(1), a.integer(2)))),
            // Thumbor scales by a proportion in (0, 1] and leaves the image as it is for any other.
            new Filter("proportion", 1, 1, (a, o) -> {
                double factor = a.decimal(0);
                if (factor > 0 && factor < 1) {
                    o.filters.add(new Proportion(Math.max(factor, 0.01)));
                }
            }),
            new Filter("stretch", 0, 0, (a, o) -> o.stretch = true),
            new Filter("autojpg", 0, 1, (a, o) -> {
                if (a.has(0) && !Values.flag("autojpg", a.text(0))) {
                    return;
                }
                // SIH's mapping makes every image a JPEG (unless a format is named); Thumbor only opaque ones.
                o.output = !o.sihMapping ? o.output.withAutoJpg()
                        : o.output.encoding().format().isPresent() ? o.output : o.output.withFormat(ImageFormat.JPEG);
            }),
            // A decimal, as Thumbor's own filter takes it (BaseFilter.DecimalNumber).
            new Filter("saturation", 1, 1, (a, o) -> o.filters.add(new Saturation(a.decimal(0)))),
            new Filter("max_age", 1, 1, (a, o) -> o.output = o.output.withMaxAge(a.integer(0))),
            new Filter("equalize", 0, 0, (a, o) -> o.filters.add(new Equalize())),
            new Filter("curve", 4, 4, (a, o) -> o.filters.add(new Curve(points(a.text(0)), points(a.text(1)),
                    points(a.text(2)), points(a.text(3))))),
            new Filter("colorize", 4, 4, (a, o) -> o.filters.add(new Colorize(a.integer(0), a.integer(1),
                    a.integer(2), Color.parse("colorize fill", a.text(3))))),
            new Filter("round_corner", 4, 5, ThumborFilters::roundCorner),
            new Filter("frame", 1, 1, (a, o) -> o.filters.add(new Frame(o.sihMapping ? Keys.requireSafe(a.text(0))
                    : Keys.requireSafeOrRemote(a.text(0))))),
            // Thumbor's optional seed makes its noise repeatable: ours always is.
            new Filter("noise", 1, 2, (a, o) -> o.filters.add(new Noise(a.integer(0)))),
            new Filter("convolution", 2, 3, (a, o) -> o.filters.add(Convolve.of(a.integer(1),
                    Arrays.stream(a.text(0).split(";")).map(v -> Values.decimal("convolution matrix", v)).toList(),
                    !a.has(2) || Values.flag("convolution should_normalize", a.text(2))))),
            new Filter("max_bytes", 1, 1, (a, o) -> o.output = o.output.withMaxBytes(a.integer(0))),
            new Filter("focal", 1, 1, (a, o) -> o.focal.add(focalBox(a.text(0)))),
            new Filter("extract_focal", 0, 0, (a, o) -> o.extractFocal = true),
            new Filter("smart_crop", 0, 2, (a, o) -> o.smartCrop = Optional.of(a.has(1)
                    ? Checks.inRange("smart_crop padding", a.integer(1), 0, 10_000) : 0)),
            new Filter("cover", 0, 0, (a, o) -> o.output = o.output.withFirstFrame(true)),
            new Filter("animated", 1, 1, (a, o) -> o.output = o.output.withFirstFrame(
                    !Values.flag("animated", a.text(0)))),
            new Filter("watermark", 4, 7, (a, o) -> o.filters.add(watermark(a, o.sihMapping))))
            .stream().collect(Collectors.toUnmodifiableMap(Filter::name, f -> f));

    private ThumborFilters() {
    }

    private static void upright(ThumborOptions o) {
        if (!o.filters.contains(new Upright())) {
            o.filters.add(new Upright());
        }
    }

    /** Applies {@code filters:a(..):b(..)} (the text after "filters:") to the options, left to right. */
    static void apply(String text, ThumborOptions options) {
        for (String call : splitCalls(text)) {
            int open = call.indexOf('(');
            if (open <= 0 || !call.endsWith(")")) {
                throw ImageException.invalidParameter("filter '" + call + "' must be written name(arguments)");
            }
            String name = call.substring(0, open).toLowerCase(Locale.ROOT);
            Filter filter = FILTERS.get(name);
            if (filter == null) {
                throw ImageException.invalidParameter("unknown filter '" + name + "'");
            }
            String inner = call.substring(open + 1, call.length() - 1);
            List<String> args = inner.isBlank() ? List.of() : splitArguments(inner);
            if (args.size() < filter.minArgs() || args.size() > filter.maxArgs()) {
                throw ImageException.invalidParameter("filter " + name + " takes " + arity(filter) + ", got "
                        + args.size());
            }
            filter.apply().accept(new Args(name, args), options);
        }
    }

    private static String arity(Filter f) {
        String count = f.minArgs() == f.maxArgs() ? Integer.toString(f.minArgs()) : f.minArgs() + " to " + f.maxArgs();
        return count + (f.maxArgs() == 1 ? " argument" : " arguments");
    }

    /** Splits on the colons between calls, not those inside an argument list. */
    /** Arguments split at the commas outside brackets: curve's lists hold commas of their own. */
    private static List<String> splitArguments(String inner) {
        List<String> args = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        args.add(inner.substring(start));
        return args;
    }

    /** A curve's points as Thumbor writes them: [(x1,y1),(x2,y2),...]. */
    private static List<Integer> points(String text) {
        // The check below recurses once a point: the text is bounded first (256 points at most).
        if (text.length() > 4096) {
            throw ImageException.invalidParameter("curve takes at most 256 points a channel");
        }
        if (!text.matches("\\[(\\(\\d+,\\d+\\),?)*]")) {
            throw ImageException.invalidParameter("curve points must be written [(x1,y1),(x2,y2),...], got '" + text
                    + "'");
        }
        return java.util.regex.Pattern.compile("\\d+").matcher(text).results()
                .map(m -> Values.integer("curve point", m.group())).toList();
    }

    private static List<String> splitCalls(String text) {
        List<String> calls = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ':' && depth == 0) {
                calls.add(text.substring(start, i));
                start = i + 1;
            }
        }
        calls.add(text.substring(start));
        calls.removeIf(String::isEmpty);
        if (calls.isEmpty()) {
            throw ImageException.invalidParameter("filters: names no filter");
        }
        return calls;
    }

    /**
     * Thumbor's watermark(key, x, y, alpha[, w_ratio[, h_ratio]]), or the Serverless Image Handler's
     * watermark(bucket, key, x, y, alpha[, w_ratio[, h_ratio]]), told apart by the second argument: a position in
     * Thumbor's, a key in SIH's (which has at least five arguments). In SIH's, {@code Np} is N% of the image's size and a position it cannot read
     * centres the mark, as in its mapping.
     */
    /** @param sihMapping a bare path, as SIH reads it: keys only, as for its originals */
    private static Watermark watermark(Args a, boolean sihMapping) {
        if (isPosition(a.text(1)) || a.values().size() < 5) {
            if (a.values().size() > 6) {
                throw ImageException.invalidParameter("filter watermark takes 4 to 6 arguments, got "
                        + a.values().size());
            }
            return new Watermark(Optional.empty(), sihMapping ? Keys.requireSafe(a.text(0))
                    : Keys.requireSafeOrRemote(a.text(0)),
                    Placement.parse("watermark x", a.text(1)), Placement.parse("watermark y", a.text(2)),
                    a.integer(3), a.ratio(4), a.ratio(5));
        }
        return new Watermark(Optional.of(Keys.requireBucketName(a.text(0))), Keys.requireSafe(a.text(1)),
                Placement.sih("watermark x", a.text(2)), Placement.sih("watermark y", a.text(3)), a.integer(4),
                a.ratio(5), a.ratio(6));
    }

    private static boolean isPosition(String text) {
        return text.matches("(?i)-?\\d+p?|center|repeat");
    }



    /** round_corner(a|b, r, g, b[, transparent]): radii a (and b, else a), the colour outside them. */
    private static void roundCorner(Args a, ThumborOptions o) {
        String[] radii = a.text(0).split("\\|", -1);
        if (radii.length > 2) {
            throw ImageException.invalidParameter("round_corner radius must be a or a|b, got '" + a.text(0) + "'");
        }
        int ra = Values.integer("round_corner radius", radii[0]);
        int rb = radii.length == 2 ? Values.integer("round_corner radius", radii[1]) : ra;
        Color color = new Color(Checks.inRange("round_corner red", a.integer(1), 0, 255),
                Checks.inRange("round_corner green", a.integer(2), 0, 255),
                Checks.inRange("round_corner blue", a.integer(3), 0, 255), 255);
        o.filters.add(new RoundCorner(ra, rb, color, a.has(4) && Values.flag("round_corner transparent", a.text(4))));
    }

    /** focal(AxB:CxD): a box in pixels of the upright source. */
    static int[] focalBox(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)x(\\d+):(\\d+)x(\\d+)").matcher(text);
        if (!m.matches()) {
            throw ImageException.invalidParameter("focal takes a box written AxB:CxD, got '" + text + "'");
        }
        int[] box = new int[4];
        for (int i = 0; i < 4; i++) {
            box[i] = Values.integer("focal", m.group(i + 1));
        }
        if (box[2] < box[0] || box[3] < box[1]) {
            throw ImageException.invalidParameter("focal box must have left <= right and top <= bottom, got '"
                    + text + "'");
        }
        return box;
    }

    /** Thumbor's sigma defaults to the radius; the Serverless Image Handler's mapping uses half of it. */
    private static Blur blur(Args a, boolean sihMapping) {
        // Thumbor caps the radius at 150 rather than refusing a larger one.
        double radius = Math.min(Checks.inRange("blur radius", a.decimal(0), 1, Double.MAX_VALUE), Blur.MAX_SIGMA);
        return new Blur(a.has(1) && a.decimal(1) > 0 ? a.decimal(1) : sihMapping ? Math.max(0.3, radius / 2) : radius);
    }

    /**
     * fill(colour[, fill_transparent]): the bars of a fit-in, and what shows through transparency in formats without
     * alpha; with fill_transparent, through transparency in every format. fill(auto) takes the image's mean colour,
     * fill(blur) a blurred copy of the image.
     */
    private static void fill(Args a, ThumborOptions o) {
        String value = a.text(0).toLowerCase(Locale.ROOT);
        switch (value) {
            case "auto" -> o.fill = Optional.of(new Backdrop.Average());
            case "blur" -> o.fill = Optional.of(new Backdrop.Blurred());
            default -> {
                Color color = Color.parse("fill", value);
                o.fill = Optional.of(Backdrop.of(color));
                o.output = o.output.withBackground(color);
                if (a.has(1) && Values.flag("fill fill_transparent", a.text(1))) {
                    o.filters.add(new Flatten(color));
                }
            }
        }
    }
}
