package dev.pictor.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line for each answered request: what was asked (method, path without its signature), what was answered
 * (status, bytes, format, how: a render, the original, a 304, a redirect), what it cost (source bytes and pixels,
 * decode, render and encode milliseconds, latency), and, in the same line, its metrics as Embedded Metric Format.
 */
public final class AccessLog {

    private static final System.Logger LOG = System.getLogger("dev.pictor.access");
    private static final Pattern THUMBOR_SIGNATURE = Pattern.compile("^/[A-Za-z0-9_-]{27}=/");

    private AccessLog() {
    }

    /** What an answer was, for the access line: a HEAD's bytes are those its Content-Length announces. */
    public record Answer(int status, long bytes, String contentType) {
    }

    /**
     * @param function which function answered: {@code image}, {@code api} (a metric dimension)
     */
    public static void write(Trace trace, String function, String method, String rawPath, String rawQuery,
                             Answer answer) {
        Map<String, Object> facts = trace.facts();
        String format = answer.contentType().startsWith("image/") ? answer.contentType().substring(6) : "none";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("path", redact(rawPath, rawQuery));
        fields.put("status", answer.status());
        fields.put("bytes", answer.bytes());
        fields.put("format", format);
        long latency = costs(trace, fields);

        Map<Metrics.Metric, Number> values = new LinkedHashMap<>();
        values.put(Metrics.REQUESTS, 1);
        values.put(Metrics.LATENCY, latency);
        values.put(Metrics.BYTES_OUT, answer.bytes());
        if (facts.get("sourceBytes") instanceof Number source) {
            values.put(Metrics.SOURCE_BYTES, source);
        }
        long renderMs = trace.millis(Trace.Phase.DECODE) + trace.millis(Trace.Phase.RENDER)
                + trace.millis(Trace.Phase.ENCODE);
        if (renderMs > 0) {
            values.put(Metrics.RENDER_TIME, renderMs);
        }
        if ("redirect".equals(facts.get("answer"))) {
            values.put(Metrics.REDIRECTS, 1);
        }
        if (facts.get("code") instanceof String code && code.startsWith("Signature")) {
            values.put(Metrics.SIGNATURE_FAILURES, 1);
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Function", function);
        dimensions.put("StatusClass", answer.status() / 100 + "xx");
        dimensions.put("Format", format);
        fields.putAll(Metrics.emf(dimensions, List.of(List.of("Function"), List.copyOf(dimensions.keySet())),
                values));
        LOG.log(System.Logger.Level.INFO, method + " " + fields.get("path") + " " + answer.status(), fields);
    }

    /**
     * One line for each upload the pre-generation saw: its key, what became of it ({@code done}, {@code failed},
     * {@code skipped}, {@code retry}), how many variants were made, with the same timings as a request's line.
     */
    public static void upload(Trace trace, String bucket, String key, String outcome, int variants) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bucket", bucket);
        fields.put("key", key);
        fields.put("outcome", outcome);
        fields.put("variants", variants);
        long latency = costs(trace, fields);
        Map<Metrics.Metric, Number> values = new LinkedHashMap<>();
        values.put(Metrics.VARIANTS_GENERATED, variants);
        values.put(Metrics.VARIANTS_FAILED, outcome.equals("failed") ? 1 : 0);
        if (!outcome.equals("skipped")) {
            values.put(Metrics.LATENCY, latency);
        }
        fields.putAll(Metrics.emf(Map.of("Function", "variants"), List.of(List.of("Function")), values));
        LOG.log(outcome.equals("done") || outcome.equals("skipped") ? System.Logger.Level.INFO
                : System.Logger.Level.WARNING, "upload " + bucket + "/" + key + " " + outcome, fields);
    }

    /** The facts noted on the trace and where its time went; answers the whole latency. */
    private static long costs(Trace trace, Map<String, Object> fields) {
        fields.putAll(trace.facts());
        fields.put("decodeMs", trace.millis(Trace.Phase.DECODE));
        fields.put("renderMs", trace.millis(Trace.Phase.RENDER));
        fields.put("encodeMs", trace.millis(Trace.Phase.ENCODE));
        long latency = trace.elapsedMillis();
        fields.put("latencyMs", latency);
        return latency;
    }

    /** The path and query without the signature in them: a log is no place for a key's product. */
    static String redact(String rawPath, String rawQuery) {
        String path = rawPath == null ? "" : THUMBOR_SIGNATURE.matcher(rawPath).replaceFirst("/<signature>/");
        if (rawQuery == null || rawQuery.isEmpty()) {
            return path;
        }
        // Names as the parser reads them, decoded: %73ignature is a signature too.
        StringBuilder query = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(decoded(name).equalsIgnoreCase("signature") ? name + "=<signature>" : pair);
        }
        return path + "?" + query;
    }

    private static String decoded(String name) {
        try {
            return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
