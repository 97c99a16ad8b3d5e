package dev.pictor.engine.java2d;

import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.Detector;
import dev.pictor.engine.FormatSniffer;
import dev.pictor.engine.codec.AnimationEncoder;
import dev.pictor.engine.codec.AvifCodec;
import dev.pictor.engine.codec.JpegCodec;
import dev.pictor.engine.codec.NativeDecoder;
import dev.pictor.engine.codec.NativePixels;
import dev.pictor.engine.codec.NativeReducer;
import dev.pictor.engine.ImageEngine;
import dev.pictor.engine.Rendered;
import dev.pictor.plan.Plan;
import dev.pictor.plan.Planner;
import dev.pictor.plan.SourceInfo;
import dev.pictor.plan.Step;
import dev.pictor.telemetry.Trace;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * The JVM engine: our own resampler and filters on packed-int pixels, ImageIO codecs (TwelveMonkeys, libwebp), and
 * for JPEG a faster native codec when one is present. Without it, it runs anywhere a JVM does.
 */
public final class Java2dEngine implements ImageEngine {

    private final Decoder decoder = new Decoder();
    private final Encoder encoder = new Encoder();
    private final Optional<JpegCodec> jpeg;
    private final Optional<AvifCodec> avif;
    private final Optional<NativeDecoder> heic;
    private final Optional<AnimationEncoder> animations;
    private final Optional<NativeReducer> reducer;
    private final SvgRenderer svg = new SvgRenderer();
    private final Optional<Detector> detector;

    /** Pure JVM. */
    public Java2dEngine() {
        this(Optional.empty());
    }

    /** With a native JPEG codec only. */
    public Java2dEngine(Optional<JpegCodec> jpeg) {
        this(jpeg, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param jpeg       a faster JPEG codec (libjpeg-turbo)
     * @param avif       AVIF in and out (libvips)
     * @param heic       HEIC sources (libheif)
     * @param animations animation formats the JDK cannot write (libvips: WebP)
     * @param reducer    large Lanczos reductions in native code (libvips)
     */
    public Java2dEngine(Optional<JpegCodec> jpeg, Optional<AvifCodec> avif, Optional<NativeDecoder> heic,
                        Optional<AnimationEncoder> animations, Optional<NativeReducer> reducer) {
        this(jpeg, avif, heic, animations, reducer, Optional.empty());
    }

    private Java2dEngine(Optional<JpegCodec> jpeg, Optional<AvifCodec> avif, Optional<NativeDecoder> heic,
                         Optional<AnimationEncoder> animations, Optional<NativeReducer> reducer,
                         Optional<Detector> detector) {
        this.jpeg = jpeg;
        this.avif = avif;
        this.heic = heic;
        this.animations = animations;
        this.reducer = reducer;
        this.detector = detector;
    }

    /** The same engine, asking {@code detector} for faces and moderation labels (face crops, contentModeration). */
    public Java2dEngine detecting(Detector detector) {
        return new Java2dEngine(jpeg, avif, heic, animations, reducer, Optional.of(detector));
    }

    private Detector detector() {
        // The parsers make face crops and moderation only where a detector is configured.
        return detector.orElseThrow(() -> new IllegalStateException("no detector is configured"));
    }

    @Override
    public String name() {
        return "java2d, JPEG by " + jpeg.map(JpegCodec::description).orElse("ImageIO (pure JVM)")
                + avif.map(a -> ", AVIF by " + a.description()).orElse("")
                + heic.map(h -> ", HEIC sources by " + h.description()).orElse("")
                + ", SVG sources by " + svg.description();
    }

    @Override
    public SourceInfo probe(byte[] source) {
        ImageFormat format = FormatSniffer.sniff(source).orElse(null);
        if (format == ImageFormat.SVG) {
            return svg.probe(source);
        }
        return nativeDecoder(format).map(d -> d.probe(source)).orElseGet(() -> decoder.probe(source));
    }

    @Override
    public int maxDecodeShrink(ImageFormat format) {
        return format == ImageFormat.JPEG && jpeg.isPresent() ? 8 : 1;
    }

    @Override
    public boolean canAnimate(ImageFormat format) {
        return format == ImageFormat.GIF || animations.map(a -> a.canAnimate(format)).orElse(false);
    }

    @Override
    public boolean canEncode(ImageFormat format) {
        return format == ImageFormat.AVIF ? avif.map(AvifCodec::available).orElse(false) : Encoder.canEncode(format);
    }

    @Override
    public Rendered render(byte[] source, SourceInfo info, Plan plan, Map<String, byte[]> overlays) {
        if (plan.animated()) {
            return renderFrames(source, plan, marks(overlays));
        }
        Run run = new Run(marks(overlays));
        Start start = info.format() == ImageFormat.SVG ? timed(Trace.Phase.DECODE, () -> draw(source, info, plan))
                : timed(Trace.Phase.DECODE, () -> decode(source, info, plan));
        return finish(run(start.image(), start.steps(), plan, run), plan, run);
    }

    /** Work timed as one of a render's phases, on the request's trace. */
    private static <T> T timed(Trace.Phase phase, java.util.function.Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            Trace.time(phase, System.nanoTime() - started);
        }
    }

    /**
     * One decode per decode shrink, shared by every still plan: the steps of each run on a copy, since filters work
     * in place. Pre-generated variants plan with one shrink, so the source is decoded once for all of them.
     */
    @Override
    public List<Rendered> renderAll(byte[] source, SourceInfo info, List<Plan> plans, Map<String, byte[]> overlays) {
        Function<String, BufferedImage> marks = marks(overlays);
        Map<Integer, BufferedImage> decoded = new HashMap<>();
        List<Rendered> rendered = new java.util.ArrayList<>(plans.size());
        for (Plan plan : plans) {
            if (plan.animated()) {
                rendered.add(renderFrames(source, plan, marks));
                continue;
            }
            // A vector source is drawn for each plan at the size that plan wants.
            Start start = info.format() == ImageFormat.SVG
                    ? timed(Trace.Phase.DECODE, () -> draw(source, info, plan))
                    : new Start(Images.copy(decoded.computeIfAbsent(plan.decodeShrink(),
                            shrink -> timed(Trace.Phase.DECODE, () -> decode(source, info, shrink)))), plan.steps());
            Run run = new Run(marks);
            rendered.add(finish(run(start.image(), start.steps(), plan, run), plan, run));
        }
        return rendered;
    }

    /** The source's pixels and the plan's steps still to run on them. */
    private record Start(BufferedImage image, List<Step> steps) {
    }

    /**
     * An SVG drawn at the size the plan first wants it, so that an enlargement stays sharp: a leading scale, or a
     * region then a scale, become one drawing of that region at that size.
     */
    private Start draw(byte[] source, SourceInfo info, Plan plan) {
        List<Step> steps = plan.steps();
        Rectangle region = new Rectangle(0, 0, info.width(), info.height());
        int done = 0;
        if (!steps.isEmpty() && steps.getFirst() instanceof Step.Region r) {
            region = new Rectangle(r.x(), r.y(), r.width(), r.height());
            done = 1;
        }
        int width = region.width;
        int height = region.height;
        if (steps.size() > done && steps.get(done) instanceof Step.Scale s) {
            width = s.width();
            height = s.height();
            done++;
        }
        return new Start(svg.render(source, region, width, height), steps.subList(done, steps.size()));
    }

    /** One run of a plan's steps: the overlays it lays, and the windows its pixel-chosen steps chose. */
    private record Run(Function<String, BufferedImage> marks, List<Rendered.Window> chosen) {
        Run(Function<String, BufferedImage> marks) {
            this(marks, new java.util.ArrayList<>());
        }

        Rectangle chose(Rectangle window) {
            chosen.add(new Rendered.Window(window.x, window.y, window.x + window.width, window.y + window.height));
            return window;
        }
    }

    private Rendered finish(BufferedImage image, Plan plan, Run run) {
        byte[] bytes = timed(Trace.Phase.ENCODE, () -> {
            byte[] encoded = encode(image, plan, plan.quality());
            if (plan.maxBytes().isPresent() && encoded.length > plan.maxBytes().get() && Encoder.lossy(plan.format())) {
                encoded = fitBytes(image, plan, plan.maxBytes().get(), encoded);
            }
            return encoded;
        });
        return new Rendered(bytes, plan.format(), image.getWidth(), image.getHeight(), run.chosen());
    }

    /** Every frame through the same steps, written as an animated GIF or WebP with the source's timing. */
    private Rendered renderFrames(byte[] source, Plan plan, Function<String, BufferedImage> marks) {
        Animation.Frames frames = timed(Trace.Phase.DECODE, () -> Animation.read(source));
        List<Animation.Frame> out = new java.util.ArrayList<>(frames.frames().size());
        for (Animation.Frame frame : frames.frames()) {
            Deadline.check();
            // Animated plans hold no pixel-chosen steps (they differ frame to frame): nothing to report.
            out.add(new Animation.Frame(run(frame.image(), plan.steps(), plan, new Run(marks)), frame.delay()));
        }
        BufferedImage first = out.getFirst().image();
        if (animations.isPresent() && animations.get().canAnimate(plan.format())) {
            int[] delays = out.stream().mapToInt(f -> f.delay() * 10).toArray();
            byte[] bytes = timed(Trace.Phase.ENCODE, () -> animations.get().encodeAnimation(plan.format(),
                    out.stream().map(Animation.Frame::image).toList(), delays, frames.loops(), plan.quality()));
            return new Rendered(bytes, plan.format(), first.getWidth(), first.getHeight());
        }
        return new Rendered(timed(Trace.Phase.ENCODE, () -> Animation.write(out, frames.loops())), ImageFormat.GIF,
                first.getWidth(), first.getHeight());
    }

    private byte[] encode(BufferedImage image, Plan plan, int quality) {
        if (plan.format() == ImageFormat.AVIF && avif.isPresent()) {
            return avif.get().encode(image, quality);
        }
        boolean large = Encoder.progressive((long) image.getWidth() * image.getHeight());
        return plan.format() == ImageFormat.JPEG && jpeg.isPresent() && large
                ? jpeg.get().encode(Encoder.flatten(image, plan.background()), quality)
                : encoder.encode(image, plan.format(), quality, plan.background());
    }

    /**
     * Thumbor's max_bytes: a binary search for the highest quality below the plan's whose result fits; when even
     * quality 1 does not fit, the smallest result.
     */
    private byte[] fitBytes(BufferedImage image, Plan plan, int maxBytes, byte[] tooLarge) {
        byte[] best = null;
        byte[] smallest = tooLarge;
        int low = 1;
        int high = plan.quality() - 1;
        while (low <= high) {
            Deadline.check();
            int quality = (low + high) >>> 1;
            byte[] bytes = encode(image, plan, quality);
            if (bytes.length <= maxBytes) {
                best = bytes;
                low = quality + 1;
            } else {
                high = quality - 1;
            }
            if (bytes.length < smallest.length) {
                smallest = bytes;
            }
        }
        return best != null ? best : smallest;
    }

    /**
     * The source decoded for one plan. A JPEG whose plan begins with a reduction (of the whole, or of a region: a
     * crop) goes from libjpeg-turbo's output to libvips' reduce in native memory, never through the heap at full
     * size: two copies and a large array less. The reduction is then timed as part of the decode.
     */
    private Start decode(byte[] source, SourceInfo info, Plan plan) {
        List<Step> steps = plan.steps();
        int shrink = plan.decodeShrink();
        int width = (info.width() + shrink - 1) / shrink;
        int height = (info.height() + shrink - 1) / shrink;
        Rectangle region = new Rectangle(0, 0, width, height);
        int next = 0;
        if (!steps.isEmpty() && steps.getFirst() instanceof Step.Region r) {
            region = new Rectangle(r.x(), r.y(), r.width(), r.height());
            next = 1;
        }
        if (info.format() == ImageFormat.JPEG && jpeg.isPresent() && reducer.isPresent() && steps.size() > next
                && steps.get(next) instanceof Step.Scale s
                && new Rectangle(0, 0, width, height).contains(region)
                && Resampler.reducesDirectly(region.width, region.height, s.width(), s.height())) {
            try (Arena arena = Arena.ofConfined()) {
                Optional<NativePixels> decoded = jpeg.get().decode(source, shrink, arena);
                if (decoded.isPresent() && decoded.get().width() == width && decoded.get().height() == height) {
                    return new Start(Resampler.scale(decoded.get(), region, s.width(), s.height(), reducer),
                            steps.subList(next + 1, steps.size()));
                }
                if (decoded.isPresent()) {
                    // The decoder read another size than the probe did: the steps meet what it made, as they would
                    // have on the heap.
                    return new Start(decoded.get().toImage(), steps);
                }
            }
        }
        return new Start(decode(source, info, shrink), steps);
    }

    /**
     * Decodes at 1/{@code shrink} of the stored size. When the native codec declines a file (CMYK, ICC), ImageIO
     * decodes it whole and the resampler makes up the shrink, so the plan's coordinates hold either way.
     */
    private BufferedImage decode(byte[] source, SourceInfo info, int shrink) {
        if (info.format() == ImageFormat.JPEG && jpeg.isPresent()) {
            Optional<BufferedImage> fast = jpeg.get().decode(source, shrink);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        BufferedImage image = decodeWhole(source, info.format());
        if (shrink > 1) {
            image = Resampler.scale(image, (image.getWidth() + shrink - 1) / shrink,
                    (image.getHeight() + shrink - 1) / shrink, reducer);
        }
        return image;
    }

    private BufferedImage run(BufferedImage image, List<Step> steps, Plan plan, Run run) {
        return timed(Trace.Phase.RENDER, () -> steps(image, steps, plan, run));
    }

    private BufferedImage steps(BufferedImage image, List<Step> steps, Plan plan, Run run) {
        for (Step step : steps) {
            Deadline.check();
            image = switch (step) {
                case Step.Orient o -> Geometry.orient(image, o.orientation());
                case Step.Region r -> Geometry.region(image, r.x(), r.y(), r.width(), r.height());
                case Step.SmartRegion s -> {
                    Rectangle window = run.chose(SmartCrop.window(image, s.width(), s.height()));
                    yield Geometry.region(image, window.x, window.y, window.width, window.height);
                }
                case Step.Scale s -> Resampler.scale(image, s.width(), s.height(), reducer);
                case Step.Embed e -> Geometry.embed(image, e.width(), e.height(), e.x(), e.y(), e.backdrop());
                case Step.Mirror m -> Geometry.mirror(image, m.horizontal());
                case Step.Turn t -> Geometry.turn(image, t.degrees(), t.background());
                case Step.TrimBorder t -> Trimmer.trim(image, t.trim());
                case Step.Subject s -> {
                    Rectangle box = run.chose(s.face().isPresent() ? Faces.crop(detector(), image,
                            s.face().getAsInt(), s.padding()) : SmartCrop.subject(image, s.padding()));
                    yield Geometry.region(image, box.x, box.y, box.width, box.height);
                }
                case Step.Moderate m -> Faces.moderate(detector(), image, m.moderation());
                case Step.Transform t -> Geometry.transform(image, t.a(), t.b(), t.c(), t.d(), t.x(), t.y(), t.width(),
                        t.height(), t.background());
                case Step.Deferred d -> steps(image, Planner.steps(d.edits(), image.getWidth(), image.getHeight(),
                        plan.background(), plan.maxPixels()), plan, run);
                case Step.Filter f -> Filters.apply(image, f.filter());
                case Step.Framed f -> NinePatch.frame(image, run.marks().apply(f.frame().key()));
                case Step.Overlay o -> Overlay.apply(image, run.marks().apply(o.watermark().sourceId()),
                        o.watermark());
            };
        }
        return image;
    }

    /**
     * The images a plan lays over its pixels (watermarks, frames) by id, each decoded once per render, however many
     * frames of an animation use it. Steps only read them.
     */
    private Function<String, BufferedImage> marks(Map<String, byte[]> overlays) {
        Map<String, BufferedImage> decoded = new HashMap<>();
        return id -> decoded.computeIfAbsent(id, key -> {
            byte[] bytes = overlays.get(key);
            if (bytes == null) {
                throw new IllegalStateException("overlay image " + key + " was not loaded");
            }
            return Geometry.orient(decodeWhole(bytes, FormatSniffer.sniff(bytes).orElse(ImageFormat.PNG)),
                    Decoder.exifOrientation(bytes));
        });
    }

    /** The native decoder for the formats ImageIO cannot read, when its library loaded. */
    private Optional<NativeDecoder> nativeDecoder(ImageFormat format) {
        return format == ImageFormat.AVIF ? avif.map(a -> a)
                : format == ImageFormat.HEIF ? heic : Optional.empty();
    }

    private BufferedImage decodeWhole(byte[] bytes, ImageFormat format) {
        if (format == ImageFormat.SVG) {
            SourceInfo info = svg.probe(bytes);
            return svg.render(bytes, new Rectangle(0, 0, info.width(), info.height()), info.width(), info.height());
        }
        Optional<NativeDecoder> nativeCodec = nativeDecoder(format);
        if (nativeCodec.isPresent()) {
            return nativeCodec.get().decode(bytes);
        }
        if (format == ImageFormat.GIF || format == ImageFormat.WEBP && AnimatedWebp.layout(bytes).isPresent()) {
            // The first frame as placed on the GIF's screen or the WebP's canvas, which a plain read of image 0
            // is not: the size the plan was made for.
            return Animation.read(bytes, 1).frames().getFirst().image();
        }
        return decoder.decode(bytes);
    }
}
