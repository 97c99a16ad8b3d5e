package dev.pictor.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dashboard and alarms: built from the metrics docs/operations.md lists, one alarm set per deployed function. */
class MonitoringTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (\\w+) \\| ([a-z, ]+) \\|", Pattern.MULTILINE);

    @BeforeAll
    static void packageStandIn() throws Exception {
        PictorStackTest.packageStandIn();
    }

    @Test
    void theDashboardGraphsTheDocumentedMetricsOfTheFunctionsThatPublishThem() throws IOException {
        List<Monitoring.Published> documented = ROW.matcher(Files.readString(Path.of("../docs/operations.md")))
                .results().map(row -> new Monitoring.Published(row.group(1), "", Arrays.asList(row.group(3)
                        .split(", ")))).toList();
        assertEquals(documented, Monitoring.METRICS.stream()
                .map(metric -> new Monitoring.Published(metric.name(), "", metric.functions())).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            without the API, five alarms        | false | 5
            with the API, its errors are one more | true  | 6
            """)
    void alarmsWatchEveryDeployedFunction(String name, boolean api, int alarms) {
        Template template = Template.fromStack(PictorStackTest.stack(Map.of("API_ENABLED", Boolean.toString(api))));
        template.resourceCountIs("AWS::CloudWatch::Alarm", alarms);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "Pictor-ImageServerErrors", "Namespace", "Pictor", "MetricName", "Requests",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "StatusClass", "Value", "5xx"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "Pictor-VariantsDeadLetters", "MetricName", "ApproximateNumberOfMessagesVisible")));
        String body = template.toJSON().toString();
        assertTrue(body.contains("VariantsGenerated") && body.contains("SignatureFailures"), "dashboard body");
        assertEquals(api, body.contains("Pictor-ApiFunctionErrors"));
    }
}
