package dev.pictor.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What to watch: a dashboard of every metric the functions publish (the table in docs/operations.md, which a test
 * holds this list to), Lambda's own errors and throttles, and the alarms worth having. Alarms have no action: add
 * the SNS topic of your choice (docs/operations.md says how).
 */
final class Monitoring extends Construct {

    /** The namespace the functions publish in (Metrics.NAMESPACE in the image handler). */
    static final String NAMESPACE = "Pictor";

    /** A published metric: its name, the statistic worth graphing, and which functions publish it. */
    record Published(String name, String statistic, List<String> functions) {
    }

    static final List<Published> METRICS = List.of(
            new Published("Requests", "Sum", List.of("image", "api")),
            new Published("Latency", "p99", List.of("image", "api", "variants")),
            new Published("BytesOut", "Sum", List.of("image", "api")),
            new Published("SourceBytes", "Average", List.of("image", "api")),
            new Published("RenderTime", "p99", List.of("image", "api")),
            new Published("LargeResultRedirects", "Sum", List.of("image")),
            new Published("SignatureFailures", "Sum", List.of("image")),
            new Published("VariantsGenerated", "Sum", List.of("variants")),
            new Published("VariantsFailed", "Sum", List.of("variants")));

    private static final Duration PERIOD = Duration.minutes(5);

    /**
     * @param functions the functions by the name their metrics carry in the dimension Function
     */
    private final String stackName;

    Monitoring(Construct scope, String id, String stackName, Map<String, Alias> functions, Queue deadLetters) {
        super(scope, id);
        this.stackName = stackName;
        List<IWidget> widgets = new ArrayList<>();
        for (Published published : METRICS) {
            List<IMetric> lines = new ArrayList<>();
            for (String function : published.functions()) {
                if (functions.containsKey(function)) {
                    lines.add(metric(published.name(), published.statistic(), Map.of("Function", function))
                            .with(MetricOptions.builder().label(function).build()));
                }
            }
            if (!lines.isEmpty()) {
                widgets.add(GraphWidget.Builder.create().title(published.name() + " (" + published.statistic() + ")")
                        .left(lines).width(8).build());
            }
        }
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        functions.forEach((name, alias) -> {
            errors.add(alias.metricErrors().with(MetricOptions.builder()
                    .label(name).period(PERIOD).build()));
            throttles.add(alias.metricThrottles().with(MetricOptions
                    .builder().label(name).period(PERIOD).build()));
        });
        widgets.add(GraphWidget.Builder.create().title("Lambda errors").left(errors).width(8).build());
        widgets.add(GraphWidget.Builder.create().title("Lambda throttles").left(throttles).width(8).build());
        widgets.add(GraphWidget.Builder.create().title("Uploads whose variants failed for good (dead letters)")
                .left(List.of(deadLetters.metricApproximateNumberOfMessagesVisible())).width(8).build());
        Dashboard.Builder.create(this, "Dashboard").dashboardName(stackName + "-dashboard")
                .widgets(rows(widgets)).build();

        // Answers of 5xx: the service's own failures (a 5xx is always a JSON answer, so its Format is none).
        alarm("ImageServerErrors", "The image function answered 5xx (server errors) five times or more in 5 minutes",
                metric("Requests", "Sum", Map.of("Function", "image", "StatusClass", "5xx", "Format", "none")), 5, 1);
        alarm("ImageLatency", "The image function's p99 latency stayed over 5 s for 15 minutes",
                metric("Latency", "p99", Map.of("Function", "image")), 5000, 3);
        // Failures Lambda sees and the access line cannot: timeouts, out of memory, a failed init.
        functions.forEach((name, alias) -> alarm(capitalised(name) + "FunctionErrors",
                "The " + name + " function failed (timeout, out of memory, init) in 5 minutes",
                alias.metricErrors().with(MetricOptions.builder()
                        .period(PERIOD).statistic("Sum").build()), 1, 1));
        alarm("VariantsDeadLetters", "An upload's variants failed after Lambda's retries: its event is in the "
                + "dead-letter queue", deadLetters.metricApproximateNumberOfMessagesVisible(), 1, 1);
    }

    private static Metric metric(String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic(statistic)
                .dimensionsMap(new LinkedHashMap<>(dimensions)).period(PERIOD).build();
    }

    private void alarm(String id, String description, IMetric metric, double threshold, int periods) {
        Alarm.Builder.create(this, id)
                .alarmName(stackName + "-" + id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** Three graphs to a row. */
    private static List<List<IWidget>> rows(List<IWidget> widgets) {
        List<List<IWidget>> rows = new ArrayList<>();
        for (int i = 0; i < widgets.size(); i += 3) {
            rows.add(widgets.subList(i, Math.min(widgets.size(), i + 3)));
        }
        return rows;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
