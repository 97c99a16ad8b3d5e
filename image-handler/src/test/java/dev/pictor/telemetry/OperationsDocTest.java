package dev.pictor.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists every metric the functions publish, with its unit: the dashboard is built from it. */
class OperationsDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (\\w+) \\| ([a-z, ]+) \\|", Pattern.MULTILINE);

    @Test
    void theMetricsTableIsTheMetricsPublished() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(Path.of("../docs/operations.md")));
        List<Metrics.Metric> documented = rows.results()
                .map(row -> new Metrics.Metric(row.group(1), row.group(2))).toList();
        assertEquals(Metrics.ALL, documented);
    }
}
