package dev.pictor.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics as Embedded Metric Format: a log line whose {@code _aws} member names the metrics among its own
 * fields, which CloudWatch turns into metrics with no API call and no library (the JSON writer is already here).
 * Dimensions stay few so that the number of metrics, and the bill, stay small: each metric is published per
 * function (what alarms and the dashboard read) and, for requests, per function, status class and output format.
 * docs/operations.md lists every metric; the CDK stack's dashboard and alarms are built from the same list.
 */
public final class Metrics {

    /** The namespace every metric is in. */
    public static final String NAMESPACE = "Pictor";

    /** A metric's name and unit. */
    public record Metric(String name, String unit) {
    }

    public static final Metric REQUESTS = new Metric("Requests", "Count");
    public static final Metric LATENCY = new Metric("Latency", "Milliseconds");
    public static final Metric BYTES_OUT = new Metric("BytesOut", "Bytes");
    public static final Metric SOURCE_BYTES = new Metric("SourceBytes", "Bytes");
    public static final Metric RENDER_TIME = new Metric("RenderTime", "Milliseconds");
    public static final Metric REDIRECTS = new Metric("LargeResultRedirects", "Count");
    public static final Metric SIGNATURE_FAILURES = new Metric("SignatureFailures", "Count");
    public static final Metric VARIANTS_GENERATED = new Metric("VariantsGenerated", "Count");
    public static final Metric VARIANTS_FAILED = new Metric("VariantsFailed", "Count");

    /** Every metric, for the docs and a dashboard. */
    public static final List<Metric> ALL = List.of(REQUESTS, LATENCY, BYTES_OUT, SOURCE_BYTES, RENDER_TIME, REDIRECTS,
            SIGNATURE_FAILURES, VARIANTS_GENERATED, VARIANTS_FAILED);

    private Metrics() {
    }

    /**
     * The fields that make a log line an EMF document: the values by metric name, the dimensions, and the
     * {@code _aws} metadata that names them.
     *
     * @param dimensionSets the combinations of dimensions each metric is published under
     */
    public static Map<String, Object> emf(Map<String, String> dimensions, List<List<String>> dimensionSets,
                                          Map<Metric, Number> values) {
        Map<String, Object> fields = new LinkedHashMap<>(dimensions);
        List<Map<String, Object>> definitions = new ArrayList<>();
        values.forEach((metric, value) -> {
            fields.put(metric.name(), value);
            definitions.add(Map.of("Name", metric.name(), "Unit", metric.unit()));
        });
        fields.put("_aws", Map.of(
                "Timestamp", System.currentTimeMillis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", dimensionSets,
                        "Metrics", definitions))));
        return fields;
    }
}
