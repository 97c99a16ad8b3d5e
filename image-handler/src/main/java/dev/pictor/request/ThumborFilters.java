package dev.pictor.request;

import dev.pictor.edit.Blur;
import dev.pictor.edit.Brightness;
import dev.pictor.edit.Checks;
import dev.pictor.edit.Color;
import dev.pictor.edit.Contrast;
import dev.pictor.edit.Equalize;
import dev.pictor.edit.Grayscale;
import dev.pictor.edit.ImageFormat;
import dev.pictor.edit.Placement;
import dev.pictor.edit.Proportion;
import dev.pictor.edit.Rgb;
import dev.pictor.edit.Rotate;
import dev.pictor.edit.Saturation;
import dev.pictor.edit.Sharpen;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
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
        String text(int i) {
            return values.get(i).trim();
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

        Optional<Double> ratio(int i) {
            return has(i) && !text(i).equalsIgnoreCase("none") ? Optional.of(decimal(i)) : Optional.empty();
        }
    }

    private static final Map<String, Filter> FILTERS = List.of(
            new Filter("format", 1, 1, (a, o) -> o.output = o.output.withFormat(
                    ImageFormat.parseOutput("format", a.text(0)))),
            new Filter("quality", 1, 1, (a, o) -> o.output = o.output.withQuality(
                    Checks.inRange("quality", a.integer(0), 1, 100))),
            new Filter("grayscale", 0, 0, (a, o) -> o.filters.add(new Grayscale())),
            new Filter("blur", 1, 2, (a, o) -> o.filters.add(blur(a))),
            new Filter("rotate", 1, 1, (a, o) -> o.filters.add(new Rotate(a.decimal(0)))),
            new Filter("sharpen", 1, 3, (a, o) -> o.filters.add(new Sharpen(a.decimal(0),
                    a.has(1) ? a.decimal(1) : 1, a.has(2) && Values.flag("sharpen luminance_only", a.text(2))))),
            new Filter("fill", 1, 2, ThumborFilters::fill),
            new Filter("background_color", 1, 1, (a, o) -> o.output = o.output.withBackground(
                    Color.parse("background_color", a.text(0)))),
            new Filter("upscale", 0, 0, (a, o) -> o.upscale = Optional.of(true)),
            new Filter("no_upscale", 0, 0, (a, o) -> o.upscale = Optional.of(false)),
            // Outputs never carry EXIF or ICC data (pixels are converted to sRGB), so these ask for the default.
            new Filter("strip_exif", 0, 0, (a, o) -> { }),
            new Filter("strip_icc", 0, 0, (a, o) -> { }),
            new Filter("brightness", 1, 1, (a, o) -> o.filters.add(new Brightness(a.integer(0)))),
            new Filter("contrast", 1, 1, (a, o) -> o.filters.add(new Contrast(a.integer(0)))),
            new Filter("rgb", 3, 3, (a, o) -> o.filters.add(new Rgb(a.integer(0), a.integer(1), a.integer(2)))),
            new Filter("proportion", 1, 1, (a, o) -> o.filters.add(new Proportion(a.decimal(0)))),
            new Filter("stretch", 0, 0, (a, o) -> o.stretch = true),
            new Filter("autojpg", 0, 1, (a, o) -> {
                if (!a.has(0) || Values.flag("autojpg", a.text(0))) {
                    o.output = o.output.withAutoJpg();
                }
            }),
            new Filter("saturation", 1, 1, (a, o) -> o.filters.add(new Saturation(a.integer(0)))),
            new Filter("max_age", 1, 1, (a, o) -> o.output = o.output.withMaxAge(a.integer(0))),
            new Filter("equalize", 0, 0, (a, o) -> o.filters.add(new Equalize())),
            new Filter("watermark", 4, 6, (a, o) -> o.filters.add(new Watermark(Optional.empty(), Keys.requireSafe(a.text(0)),
                    Placement.parse("watermark x", a.text(1)), Placement.parse("watermark y", a.text(2)),
                    a.integer(3), a.ratio(4), a.ratio(5)))))
            .stream().collect(Collectors.toUnmodifiableMap(Filter::name, f -> f));

    private ThumborFilters() {
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
            List<String> args = inner.isBlank() ? List.of() : List.of(inner.split(",", -1));
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

    private static Blur blur(Args a) {
        double radius = Checks.inRange("blur radius", a.decimal(0), 1, Blur.MAX_SIGMA);
        return new Blur(a.has(1) && a.decimal(1) > 0 ? a.decimal(1) : radius);
    }

    private static void fill(Args a, ThumborOptions o) {
        String value = a.text(0).toLowerCase(Locale.ROOT);
        if (value.equals("auto") || value.equals("blur")) {
            throw ImageException.invalidParameter("fill(" + value + ") is not supported yet: name a colour");
        }
        Color color = Color.parse("fill", value);
        o.fill = Optional.of(color);
        o.output = o.output.withBackground(color);
    }
}
