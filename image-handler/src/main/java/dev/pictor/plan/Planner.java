package dev.pictor.plan;

import dev.pictor.edit.Backdrop;
import dev.pictor.edit.Color;
import dev.pictor.edit.Crop;
import dev.pictor.edit.Edit;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Extent;
import dev.pictor.edit.Fit;
import dev.pictor.edit.Flip;
import dev.pictor.edit.Flop;
import dev.pictor.edit.ImageFormat;
import dev.pictor.edit.Output;
import dev.pictor.edit.Proportion;
import dev.pictor.edit.Resize;
import dev.pictor.edit.Rotate;
import dev.pictor.edit.Trim;
import dev.pictor.edit.Upright;
import dev.pictor.edit.Watermark;
import dev.pictor.edit.RoundCrop;
import dev.pictor.edit.SubjectCrop;
import dev.pictor.edit.Moderation;
import dev.pictor.edit.Extend;
import dev.pictor.edit.Affine;
import dev.pictor.edit.PixelFilter;
import dev.pictor.edit.Frame;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns an edit chain into exact pixel steps against a source's real size, before anything is decoded: geometry
 * resolved, no-ops dropped, consecutive crops and scales merged, and the decode shrink chosen so that an engine that
 * can decode at 1/2, 1/4 or 1/8 scale never decodes pixels the output does not need.
 */
public final class Planner {

    private final int defaultQuality;
    private final long maxPixels;

    /** A planner without a bound on the images a plan makes (tests of geometry). */
    public Planner(int defaultQuality) {
        this(defaultQuality, Long.MAX_VALUE);
    }

    /**
     * @param maxPixels the most pixels any image of a plan may hold, every frame of an animation together: the
     *                  decoded source, each step's result, the output
     */
    public Planner(int defaultQuality, long maxPixels) {
        this.defaultQuality = defaultQuality;
        this.maxPixels = maxPixels;
    }

    /**
     * @param maxDecodeShrink the largest power of two the engine can shrink this source by while decoding (1: none)
     * @param canEncode       which formats the engine can write
     */
    public Plan plan(EditChain chain, SourceInfo source, int maxDecodeShrink, Predicate<ImageFormat> canEncode) {
        return plan(chain, source, maxDecodeShrink, canEncode, f -> f == ImageFormat.GIF);
    }

    /** @param canAnimate the formats the engine writes animations in (GIF; WebP with libvips) */
    public Plan plan(EditChain chain, SourceInfo source, int maxDecodeShrink, Predicate<ImageFormat> canEncode,
                     Predicate<ImageFormat> canAnimate) {
        ImageFormat format = outputFormat(chain.output(), source, canEncode);
        Color background = chain.output().encoding().background().orElse(format.hasAlpha() ? Color.TRANSPARENT : Color.WHITE);
        List<Step> steps = new ArrayList<>();
        if (source.orientation() != 1) {
            steps.add(new Step.Orient(source.orientation()));
        }
        Size size = geometry(chain.edits(), new Size(source.uprightWidth(), source.uprightHeight()), background,
                steps);
        List<Step> merged = scaleBeforeTurn(merge(steps), source);
        int shrink = decodeShrink(merged, maxDecodeShrink, source);
        List<Step> shrunk = shrink == 1 ? merged : shrinkRegions(merged, shrink, source);
        if (chain.output().encoding().maxBytes().isPresent() && format != ImageFormat.JPEG && format != ImageFormat.WEBP
                && format != ImageFormat.AVIF) {
            // Only a lossy encoder has a quality to lower: never answer as if the limit had been met.
            throw ImageException.invalidParameter("max_bytes applies to JPEG, WebP and AVIF outputs, and this one "
                    + "is " + format.extension() + ": name one of those formats too, e.g. format(webp)");
        }
        int quality = chain.output().encoding().quality().orElse(defaultQuality);
        boolean animated = source.animated() && !chain.output().encoding().firstFrame() && canAnimate.test(format)
                && shrunk.stream().allMatch(Planner::sameForEveryFrame);
        long frames = animated ? source.frames() : 1;
        long peak = peak(shrunk, (source.width() + shrink - 1) / shrink, (source.height() + shrink - 1) / shrink)
                * frames;
        if (peak > maxPixels) {
            throw tooLarge(peak, frames);
        }
        return new Plan(shrink, shrunk, format, quality, background, size.width, size.height,
                chain.output().encoding().maxBytes(), animated, peak, maxPixels);
    }

    /**
     * Whether a step does the same to every frame. Steps that look at the pixels to choose a size or a window (trim,
     * smart crops) could choose differently per frame and make the frames disagree; such a plan takes the first frame.
     */
    private static boolean sameForEveryFrame(Step step) {
        return !(step instanceof Step.TrimBorder || step instanceof Step.Subject || step instanceof Step.SmartRegion
                || step instanceof Step.Deferred || step instanceof Step.Framed || step instanceof Step.Moderate);
    }

    /**
     * Plans edits against an image already in memory (after a trim): no orientation, no decode shrink, and the same
     * bound on the images they make as the plan they belong to.
     */
    public static List<Step> steps(List<Edit> edits, int width, int height, Color background, long maxPixels) {
        List<Step> steps = new ArrayList<>();
        geometry(edits, new Size(width, height), background, steps);
        List<Step> merged = merge(steps);
        long peak = peak(merged, width, height);
        if (peak > maxPixels) {
            throw tooLarge(peak, 1);
        }
        return merged;
    }

    private static ImageException tooLarge(long pixels, long frames) {
        return ImageException.tooLarge("OutputTooLarge", "these edits make an image of " + pixels + " pixels"
                + (frames > 1 ? " (" + frames + " frames)" : "") + ", more than this server makes; ask for a smaller "
                + "size or fewer turns");
    }

    /**
     * The largest image a step makes, in pixels, as far as sizes are known before decoding (a trim's result is at most
     * its input; what follows it is bounded when it is planned). The decoded source is not counted: it is bounded by
     * MAX_SOURCE_PIXELS, and held beside.
     */
    static long peak(List<Step> steps, int width, int height) {
        long w = width;
        long h = height;
        long peak = 0;
        for (Step step : steps) {
            switch (step) {
                case Step.Orient o -> {
                    if (o.orientation() >= 5) {
                        long t = w;
                        w = h;
                        h = t;
                    }
                }
                case Step.Region r -> {
                    w = r.width();
                    h = r.height();
                }
                case Step.SmartRegion r -> {
                    w = r.width();
                    h = r.height();
                }
                case Step.Scale s -> {
                    w = s.width();
                    h = s.height();
                }
                case Step.Embed e -> {
                    w = e.width();
                    h = e.height();
                }
                case Step.Turn t -> {
                    Size turned = turned(new Size((int) Math.min(w, Integer.MAX_VALUE),
                            (int) Math.min(h, Integer.MAX_VALUE)), t.degrees());
                    w = turned.width;
                    h = turned.height;
                }
                case Step.Mirror m -> { }
                case Step.TrimBorder t -> { }
                case Step.Subject s -> { }
                case Step.Moderate m -> { }
                case Step.Transform t -> {
                    w = t.width();
                    h = t.height();
                }
                case Step.Framed f -> { }
                case Step.Deferred d -> { }
                case Step.Filter f -> { }
                case Step.Overlay o -> { }
            }
            peak = Math.max(peak, w * h);
        }
        return peak;
    }

    private static ImageFormat outputFormat(Output output, SourceInfo source, Predicate<ImageFormat> canEncode) {
        if (output.encoding().format().isPresent()) {
            ImageFormat wanted = output.encoding().format().get();
            if (!canEncode.test(wanted)) {
                throw ImageException.invalidParameter("format " + wanted.extension()
                        + " cannot be written by this server: no encoder for it is available");
            }
            return wanted;
        }
        if (output.encoding().autoJpg() && !source.hasAlpha() && canEncode.test(ImageFormat.JPEG)) {
            return ImageFormat.JPEG;
        }
        if (canEncode.test(source.format())) {
            return source.format();
        }
        return source.hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
    }

    private record Size(int width, int height) {
        static final Size UNKNOWN = new Size(-1, -1);
    }

    private static Size geometry(List<Edit> edits, Size start, Color background, List<Step> steps) {
        Size size = start;
        for (int i = 0; i < edits.size(); i++) {
            Edit edit = edits.get(i);
            switch (edit) {
                case Trim trim -> {
                    return sizedByPixels(new Step.TrimBorder(trim), edits.subList(i + 1, edits.size()), steps);
                }
                case Frame frame -> {
                    return sizedByPixels(new Step.Framed(frame), edits.subList(i + 1, edits.size()), steps);
                }
                case SubjectCrop subject -> {
                    return sizedByPixels(new Step.Subject(subject.padding(), subject.face()),
                            edits.subList(i + 1, edits.size()),
                            steps);
                }
                case Crop crop -> size = crop(crop, size, steps);
                case Resize resize -> size = resize(resize, size, background, steps);
                case Proportion p -> size = scale(size, Math.max(1, (int) Math.round(size.width * p.factor())),
                        Math.max(1, (int) Math.round(size.height * p.factor())), steps);
                case Rotate rotate -> size = rotate(rotate, size, background, steps);
                case Flip flip -> steps.add(new Step.Mirror(false));
                case Flop flop -> steps.add(new Step.Mirror(true));
                case Watermark watermark -> steps.add(new Step.Overlay(watermark));
                case Moderation moderation -> steps.add(new Step.Moderate(moderation));
                case Extend extend -> size = extend(extend, size, steps);
                case Affine affine -> size = affine(affine, size, steps);
                case RoundCrop roundCrop -> size = roundCrop(roundCrop, size, steps);
                // Every render is upright and strips metadata: nothing more to do.
                case Upright _ -> { }
                case PixelFilter filter -> steps.add(new Step.Filter(filter));
            }
        }
        return size;
    }

    /**
     * The longest side an edit that grows the canvas may make: WebP's limit, the smallest of the encoders', so that
     * every output format can write it. The pixel limits apply besides.
     */
    static final int MAX_GROWN_SIDE = 16_383;

    private static void checkGrown(String edit, long width, long height) {
        if (width > MAX_GROWN_SIDE || height > MAX_GROWN_SIDE) {
            throw ImageException.tooLarge("OutputTooLarge", edit + " would make an image of " + width + "x" + height
                    + "; a side may be at most " + MAX_GROWN_SIDE);
        }
    }

    /** sharp's extend: the image on a canvas larger by the margins, which the background fills. */
    private static Size extend(Extend extend, Size size, List<Step> steps) {
        int width = Math.addExact(size.width, extend.left() + extend.right());
        int height = Math.addExact(size.height, extend.top() + extend.bottom());
        checkGrown("extend", width, height);
        steps.add(new Step.Embed(width, height, extend.left(), extend.top(), Backdrop.of(extend.background())));
        return new Size(width, height);
    }

    /** sharp's affine: the box around the moved corners, the image moved into it. */
    private static Size affine(Affine m, Size size, List<Step> steps) {
        double[] xs = {0, m.a() * size.width, m.b() * size.height, m.a() * size.width + m.b() * size.height};
        double[] ys = {0, m.c() * size.width, m.d() * size.height, m.c() * size.width + m.d() * size.height};
        double left = java.util.Arrays.stream(xs).min().orElseThrow();
        double top = java.util.Arrays.stream(ys).min().orElseThrow();
        long width = Math.max(1, Math.round(java.util.Arrays.stream(xs).max().orElseThrow() - left));
        long height = Math.max(1, Math.round(java.util.Arrays.stream(ys).max().orElseThrow() - top));
        checkGrown("affine", width, height);
        steps.add(new Step.Transform(m.a(), m.b(), m.c(), m.d(), -left, -top, (int) width, (int) height,
                m.background()));
        return new Size((int) width, (int) height);
    }

    /** A step whose output size only the pixels tell: the edits after it are planned once it has run. */
    private static Size sizedByPixels(Step step, List<Edit> rest, List<Step> steps) {
        steps.add(step);
        if (!rest.isEmpty()) {
            steps.add(new Step.Deferred(rest));
        }
        return Size.UNKNOWN;
    }

    /** The ellipse mask, then the ellipse's box within the image. */
    private static Size roundCrop(RoundCrop roundCrop, Size size, List<Step> steps) {
        RoundCrop ellipse = roundCrop.resolve(size.width, size.height);
        steps.add(new Step.Filter(ellipse));
        double cx = ellipse.centerX().orElseThrow();
        double cy = ellipse.centerY().orElseThrow();
        double rx = ellipse.radiusX().orElseThrow();
        double ry = ellipse.radiusY().orElseThrow();
        int left = Math.clamp((long) Math.floor(cx - rx), 0, size.width - 1);
        int top = Math.clamp((long) Math.floor(cy - ry), 0, size.height - 1);
        int right = Math.clamp((long) Math.ceil(cx + rx), left + 1, size.width);
        int bottom = Math.clamp((long) Math.ceil(cy + ry), top + 1, size.height);
        if (left == 0 && top == 0 && right == size.width && bottom == size.height) {
            return size;
        }
        steps.add(new Step.Region(left, top, right - left, bottom - top));
        return new Size(right - left, bottom - top);
    }

    private static Size crop(Crop crop, Size size, List<Step> steps) {
        if (crop.left() >= size.width || crop.top() >= size.height) {
            throw ImageException.invalidParameter("crop box " + crop.left() + "x" + crop.top() + ":" + crop.right()
                    + "x" + crop.bottom() + " lies outside the " + size.width + "x" + size.height + " image");
        }
        int width = Math.min(crop.right(), size.width) - crop.left();
        int height = Math.min(crop.bottom(), size.height) - crop.top();
        steps.add(new Step.Region(crop.left(), crop.top(), width, height));
        return new Size(width, height);
    }

    private static Size resize(Resize r, Size size, Color outputBackground, List<Step> steps) {
        int w = size.width;
        int h = size.height;
        int tw = extent(r.width(), w);
        int th = extent(r.height(), h);
        if (r.adaptive() && tw > 0 && th > 0 && tw != th && (w > h) != (tw > th)) {
            int swap = tw;
            tw = th;
            th = swap;
        }
        if (tw <= 0 && th <= 0) {
            return size;
        }
        if (tw <= 0 || th <= 0) {
            double s = tw > 0 ? (double) tw / w : (double) th / h;
            if (r.withoutEnlargement() && s > 1) {
                return size;
            }
            return scale(size, tw > 0 ? tw : round(w * s), th > 0 ? th : round(h * s), steps);
        }
        double sx = (double) tw / w;
        double sy = (double) th / h;
        switch (r.fit()) {
            case FILL -> {
                return r.withoutEnlargement() ? scale(size, Math.min(tw, w), Math.min(th, h), steps)
                        : scale(size, tw, th, steps);
            }
            case INSIDE, OUTSIDE -> {
                double s = r.fit() == Fit.INSIDE ? Math.min(sx, sy) : Math.max(sx, sy);
                if (r.withoutEnlargement()) {
                    s = Math.min(s, 1);
                }
                return scale(size, round(w * s), round(h * s), steps);
            }
            case CONTAIN -> {
                double s = Math.min(sx, sy);
                if (r.withoutEnlargement()) {
                    s = Math.min(s, 1);
                }
                Size scaled = scale(size, Math.min(tw, round(w * s)), Math.min(th, round(h * s)), steps);
                if (scaled.width != tw || scaled.height != th) {
                    Backdrop background = r.background().orElse(Backdrop.of(outputBackground));
                    steps.add(new Step.Embed(tw, th, (int) Math.round((tw - scaled.width) * r.gravity().x()),
                            (int) Math.round((th - scaled.height) * r.gravity().y()), background));
                }
                return new Size(tw, th);
            }
            case COVER -> {
                double s = Math.max(sx, sy);
                if (r.withoutEnlargement()) {
                    s = Math.min(s, 1);
                }
                int outW = Math.min(tw, round(w * s));
                int outH = Math.min(th, round(h * s));
                int regionW = Math.min(w, round(outW / s));
                int regionH = Math.min(h, round(outH / s));
                if (regionW < w || regionH < h) {
                    if (r.gravity().smart()) {
                        steps.add(new Step.SmartRegion(regionW, regionH));
                    } else if (r.gravity().focal()) {
                        steps.add(new Step.Region(
                                (int) Math.clamp(Math.round(r.gravity().x() - regionW / 2.0), 0, w - regionW),
                                (int) Math.clamp(Math.round(r.gravity().y() - regionH / 2.0), 0, h - regionH),
                                regionW, regionH));
                    } else {
                        steps.add(new Step.Region((int) Math.round((w - regionW) * r.gravity().x()),
                                (int) Math.round((h - regionH) * r.gravity().y()), regionW, regionH));
                    }
                }
                return scale(new Size(regionW, regionH), outW, outH, steps);
            }
        }
        throw new IllegalStateException("unknown fit " + r.fit());
    }

    private static Size scale(Size size, int width, int height, List<Step> steps) {
        if (width != size.width || height != size.height) {
            steps.add(new Step.Scale(width, height));
        }
        return new Size(width, height);
    }

    private static Size rotate(Rotate rotate, Size size, Color background, List<Step> steps) {
        double degrees = rotate.degrees();
        if (degrees == 0) {
            return size;
        }
        steps.add(new Step.Turn(degrees, background));
        return turned(size, degrees);
    }

    /** The size of an image turned by any angle (from a {@link Rotate}, so in [0, 360)): its bounding box. */
    private static Size turned(Size size, double degrees) {
        if (degrees % 180 == 0) {
            return size;
        }
        if (degrees % 90 == 0) {
            return new Size(size.height, size.width);
        }
        double radians = Math.toRadians(degrees);
        double cos = Math.abs(Math.cos(radians));
        double sin = Math.abs(Math.sin(radians));
        return new Size((int) Math.min(Integer.MAX_VALUE, Math.ceil(size.width * cos + size.height * sin - 1e-9)),
                (int) Math.min(Integer.MAX_VALUE, Math.ceil(size.width * sin + size.height * cos - 1e-9)));
    }

    private static int extent(Extent extent, int source) {
        return switch (extent) {
            case Extent.Auto a -> 0;
            case Extent.Source s -> source;
            case Extent.Pixels p -> p.value();
        };
    }

    private static int round(double value) {
        return Math.max(1, (int) Math.round(value));
    }

    /** Merges a region into the region before it and a scale into the scale before it. */
    private static List<Step> merge(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            Step last = out.isEmpty() ? null : out.getLast();
            if (step instanceof Step.Region r && last instanceof Step.Region p) {
                out.set(out.size() - 1, new Step.Region(p.x() + r.x(), p.y() + r.y(), r.width(), r.height()));
            } else if (step instanceof Step.Scale s && last instanceof Step.Scale) {
                out.set(out.size() - 1, s);
            } else {
                out.add(step);
            }
        }
        return out;
    }

    /**
     * A turn by an angle that is not a right one, followed (after an optional window) by a reduction: the reduction
     * moves before the turn, which then runs on far fewer pixels, and the source may be decoded smaller. Turning and
     * scaling uniformly commute, up to resampling: a 20 MP photo turned by 45 degrees and shown 500 wide no longer
     * turns 44 million pixels. A last scale makes the size exact.
     */
    private static List<Step> scaleBeforeTurn(List<Step> steps, SourceInfo source) {
        int t = !steps.isEmpty() && steps.getFirst() instanceof Step.Orient ? 1 : 0;
        if (t >= steps.size() || !(steps.get(t) instanceof Step.Turn turn) || turn.degrees() % 90 == 0) {
            return steps;
        }
        Size before = new Size(source.uprightWidth(), source.uprightHeight());
        Size turned = turned(before, turn.degrees());
        int next = t + 1;
        Step window = next < steps.size() && (steps.get(next) instanceof Step.Region
                || steps.get(next) instanceof Step.SmartRegion) ? steps.get(next) : null;
        int s = window == null ? next : next + 1;
        if (s >= steps.size() || !(steps.get(s) instanceof Step.Scale scale)) {
            return steps;
        }
        int regionW = window instanceof Step.Region r ? r.width() : window instanceof Step.SmartRegion r ? r.width()
                : turned.width;
        int regionH = window instanceof Step.Region r ? r.height() : window instanceof Step.SmartRegion r ? r.height()
                : turned.height;
        double kx = scale.width() / (double) regionW;
        double ky = scale.height() / (double) regionH;
        double k = Math.max(kx, ky);
        if (k > 0.75 || Math.abs(kx - ky) > 0.01 * k) {
            return steps;
        }
        Size small = new Size(round(before.width * k), round(before.height * k));
        Size smallTurned = turned(small, turn.degrees());
        List<Step> out = new ArrayList<>(steps.subList(0, t));
        out.add(new Step.Scale(small.width, small.height));
        out.add(turn);
        switch (window) {
            case Step.Region r -> {
                int w = Math.min(smallTurned.width, round(r.width() * k));
                int h = Math.min(smallTurned.height, round(r.height() * k));
                out.add(new Step.Region(Math.min(smallTurned.width - w, (int) Math.round(r.x() * k)),
                        Math.min(smallTurned.height - h, (int) Math.round(r.y() * k)), w, h));
            }
            case Step.SmartRegion r -> out.add(new Step.SmartRegion(Math.min(smallTurned.width, round(r.width() * k)),
                    Math.min(smallTurned.height, round(r.height() * k))));
            case null, default -> { }
        }
        out.add(scale);
        out.addAll(steps.subList(s + 1, steps.size()));
        return out;
    }

    /**
     * The decode shrink: when the chain opens with an optional orientation, an optional region (fixed or smart) and a
     * scale, the source may be decoded at the largest power of two that still leaves the region at least as large as
     * the scale's target, so the resampler only ever reduces.
     */
    private static int decodeShrink(List<Step> steps, int maxShrink, SourceInfo source) {
        if (maxShrink <= 1) {
            return 1;
        }
        int i = 0;
        if (i < steps.size() && steps.get(i) instanceof Step.Orient) {
            i++;
        }
        if (i < steps.size() && (steps.get(i) instanceof Step.Region || steps.get(i) instanceof Step.SmartRegion)) {
            i++;
        }
        if (i >= steps.size() || !(steps.get(i) instanceof Step.Scale scale)) {
            return 1;
        }
        int regionW = source.uprightWidth();
        int regionH = source.uprightHeight();
        if (i > 0 && steps.get(i - 1) instanceof Step.Region r) {
            regionW = r.width();
            regionH = r.height();
        } else if (i > 0 && steps.get(i - 1) instanceof Step.SmartRegion r) {
            regionW = r.width();
            regionH = r.height();
        }
        double ratio = Math.min((double) regionW / scale.width(), (double) regionH / scale.height());
        int shrink = 1;
        while (shrink * 2 <= maxShrink && shrink * 2 <= ratio) {
            shrink *= 2;
        }
        return shrink;
    }

    /** Rewrites the leading region into the coordinates of the image decoded at {@code 1/shrink}. */
    private static List<Step> shrinkRegions(List<Step> steps, int shrink, SourceInfo source) {
        int decodedW = ceilDiv(source.uprightWidth(), shrink);
        int decodedH = ceilDiv(source.uprightHeight(), shrink);
        List<Step> out = new ArrayList<>(steps);
        // Only a region before the first scale is in source coordinates; later ones are in the output's.
        for (int i = 0; i < out.size() && !(out.get(i) instanceof Step.Scale); i++) {
            if (out.get(i) instanceof Step.SmartRegion r) {
                // The saliency search runs on the decoded pixels just as well: only the window's size changes.
                out.set(i, new Step.SmartRegion(
                        Math.min(decodedW, Math.max(1, (int) Math.round(r.width() / (double) shrink))),
                        Math.min(decodedH, Math.max(1, (int) Math.round(r.height() / (double) shrink)))));
                break;
            }
            if (out.get(i) instanceof Step.Region r) {
                int w = Math.min(decodedW, Math.max(1, (int) Math.round(r.width() / (double) shrink)));
                int h = Math.min(decodedH, Math.max(1, (int) Math.round(r.height() / (double) shrink)));
                // Rounded, not truncated: a centred crop stays centred to the nearest decoded pixel.
                int x = Math.min(decodedW - w, (int) Math.round(r.x() / (double) shrink));
                int y = Math.min(decodedH - h, (int) Math.round(r.y() / (double) shrink));
                if (w == decodedW && h == decodedH) {
                    out.remove(i);
                } else {
                    out.set(i, new Step.Region(x, y, w, h));
                }
                break;
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
