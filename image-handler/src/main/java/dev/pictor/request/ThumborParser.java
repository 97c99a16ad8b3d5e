package dev.pictor.request;

import dev.pictor.edit.Keys;
import dev.pictor.edit.Crop;
import dev.pictor.edit.Extent;
import dev.pictor.edit.Trim;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thumbor paths: {@code /unsafe|<hmac>/trim/AxB:CxD/(adaptive-)(full-)fit-in/-Wx-H/halign/valign/smart/filters:../key},
 * each part optional and in that order, and the same without {@code unsafe} as AWS's Serverless Image Handler takes
 * them, with its optional {@code s3:<bucket>} segment.
 */
public final class ThumborParser {

    /** Base64url of an HMAC-SHA1 (20 bytes): 27 characters and the padding '='. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{27}=");

    /** The optional parts, in the only order Thumbor accepts them. */
    private enum Part {
        META("meta"),
        TRIM("trim(?::(top-left|bottom-right))?(?::(\\d+))?"),
        CROP("(\\d+)x(\\d+):(\\d+)x(\\d+)"),
        FIT_IN("(adaptive-)?(full-)?fit-in"),
        SIZE("(-)?(\\d+|orig)?x(-)?(\\d+|orig)?"),
        HALIGN("(left|center|right)"),
        VALIGN("(top|middle|bottom)"),
        SMART("smart"),
        FILTERS("filters:(.*)");

        private final Pattern pattern;

        Part(String regex) {
            this.pattern = Pattern.compile(regex);
        }
    }

    private static final Pattern INNER_CROP = Pattern.compile("(?:.*?/)?unsafe/(\\d+x\\d+:\\d+x\\d+)/(.+)");

    private final Limits limits;

    public ThumborParser(Limits limits) {
        this.limits = limits;
    }

    /** {@code rawPath} is the request path as received, still percent-encoded. */
    public ImageRequest parse(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = Arrays.asList(path.split("/", -1));
        int index = 0;
        Optional<Signature> signature = Optional.empty();
        String first = segments.getFirst();
        if (first.equals("unsafe")) {
            index = 1;
        } else if (segments.size() > 1 && SIGNATURE.matcher(first).matches()) {
            signature = Optional.of(new Signature(Signature.Scheme.THUMBOR, first,
                    path.substring(first.length() + 1)));
            index = 1;
        }
        ThumborOptions options = new ThumborOptions();
        // Without /unsafe/ or a signature the path is the Serverless Image Handler's, read with its Thumbor mapping.
        options.sihMapping = index == 0;
        Optional<String> bucket = Optional.empty();
        int nextPart = 0;
        while (index < segments.size() - 1) {
            String segment = segments.get(index);
            if (segment.startsWith("s3:") && bucket.isEmpty()) {
                bucket = Optional.of(Keys.requireBucketName(PathText.decodePath(segment.substring(3))));
                index++;
                continue;
            }
            int matched = -1;
            for (int p = nextPart; p < Part.values().length && matched < 0; p++) {
                Part part = Part.values()[p];
                if (part == Part.FILTERS && segment.startsWith("filters:")) {
                    // An argument may hold a '/' (a watermark key in a folder): read on until the brackets close.
                    StringBuilder text = new StringBuilder(segment);
                    while (depth(text) > 0 && index < segments.size() - 2) {
                        text.append('/').append(segments.get(++index));
                    }
                    ThumborFilters.apply(PathText.decodePath(text.substring("filters:".length())), options);
                    matched = p;
                } else if (part != Part.FILTERS) {
                    Matcher m = part.pattern.matcher(segment);
                    if (m.matches()) {
                        read(part, m, options);
                        matched = p;
                    }
                }
            }
            if (matched < 0) {
                break;
            }
            // filters: may come again, as the Serverless Image Handler reads them (filters:a()/filters:b()/key).
            nextPart = Part.values()[matched] == Part.FILTERS ? matched : matched + 1;
            index++;
        }
        String key = PathText.decodePath(String.join("/", segments.subList(index, segments.size())));
        if (options.extractFocal) {
            key = extractFocal(key, options);
        }
        // Thumbor's HTTP loader reads image URLs; the Serverless Image Handler's mapping (bare paths) does not.
        return new ImageRequest(bucket, options.sihMapping ? Keys.requireSafe(key) : Keys.requireSafeOrRemote(key),
                options.toChain(), signature);
    }

    /**
     * extract_focal(): the image is named by an inner Thumbor URL, {@code [host/]unsafe/AxB:CxD/key}; its crop box
     * becomes a focal box and its key is the image.
     */
    private static String extractFocal(String inner, ThumborOptions options) {
        Matcher m = INNER_CROP.matcher(inner);
        if (!m.matches()) {
            // As Thumbor: without an inner URL's crop there is no focal box, and the key is the image.
            return inner;
        }
        options.focal.add(ThumborFilters.focalBox(m.group(1)));
        return m.group(2);
    }

    private void read(Part part, Matcher m, ThumborOptions o) {
        switch (part) {
            case TRIM -> o.beforeResize.add(new Trim("bottom-right".equals(m.group(1)),
                    m.group(2) == null ? 0 : Values.integer("trim tolerance", m.group(2))));
            case CROP -> {
                int left = Values.integer("crop left", m.group(1));
                int top = Values.integer("crop top", m.group(2));
                int right = Values.integer("crop right", m.group(3));
                int bottom = Values.integer("crop bottom", m.group(4));
                if (left != 0 || top != 0 || right != 0 || bottom != 0) {
                    o.beforeResize.add(new Crop(left, top, right, bottom));
                }
            }
            case FIT_IN -> {
                o.fitIn = true;
                o.adaptive = m.group(1) != null;
                o.fullFitIn = m.group(2) != null;
            }
            case SIZE -> {
                o.flipHorizontally = m.group(1) != null;
                o.width = extent("width", m.group(2), limits.maxWidth());
                o.flipVertically = m.group(3) != null;
                o.height = extent("height", m.group(4), limits.maxHeight());
            }
            case HALIGN -> o.halign = switch (m.group(1)) {
                case "left" -> 0;
                case "right" -> 1;
                default -> 0.5;
            };
            case VALIGN -> o.valign = switch (m.group(1)) {
                case "top" -> 0;
                case "bottom" -> 1;
                default -> 0.5;
            };
            case SMART -> o.smart = true;
            case META -> o.output = o.output.withMeta();
            case FILTERS -> throw new IllegalStateException("filters are read by the caller");
        }
    }

    private static Extent extent(String name, String text, int max) {
        if (text == null) {
            return Extent.AUTO;
        }
        if (text.equals("orig")) {
            return Extent.SOURCE;
        }
        return Values.extent(name, Values.integer(name, text), max, true);
    }

    private static int depth(CharSequence text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return depth;
    }
}
