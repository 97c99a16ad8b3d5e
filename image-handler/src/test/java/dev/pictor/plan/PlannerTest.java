package dev.pictor.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.edit.ImageFormat;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.error.ImageException;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.RequestParser;
import dev.pictor.testing.Urls;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Plans for a URL against a source size, one row a case: the exact pixel steps, the decode shrink chosen for an
 * engine that can shrink while decoding, and the output size and format, all before any pixel exists.
 */
class PlannerTest {

    private static final RequestParser PARSER = dev.pictor.testing.Parsers.of(Config.fromEnvironment(Map.of()));
    private static final Planner PLANNER = new Planner(80);
    private static final Java2dEngine ENGINE = new Java2dEngine();

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/cases/plans.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void plans(String name, String row, String source, int maxShrink, String expected) {
        String url = row.startsWith("json:") ? Urls.sih(row.substring(5)) : row;
        int q = url.indexOf('?');
        ImageRequest request = PARSER.parse(q < 0 ? url : url.substring(0, q), q < 0 ? "" : url.substring(q + 1));
        SourceInfo info = source(source);
        if (expected.startsWith("!")) {
            String[] parts = expected.substring(1).split(" ", 3);
            ImageException error = assertThrows(ImageException.class,
                    () -> PLANNER.plan(request.chain(), info, maxShrink, ENGINE::canEncode));
            assertEquals(Integer.parseInt(parts[0]), error.status());
            assertEquals(parts[1], error.code());
            assertTrue(error.getMessage().contains(parts[2]), error.getMessage());
            return;
        }
        assertEquals(expected, describe(PLANNER.plan(request.chain(), info, maxShrink, ENGINE::canEncode)));
    }

    /** {@code 6028x3391 jpeg}, {@code 2448x3264@6 jpeg} (EXIF orientation), {@code 400x200+alpha png}. */
    private static SourceInfo source(String text) {
        String[] parts = text.split(" ");
        String size = parts[0];
        boolean alpha = size.endsWith("+alpha");
        size = size.replace("+alpha", "");
        int orientation = size.contains("@") ? Integer.parseInt(size.substring(size.indexOf('@') + 1)) : 1;
        size = size.contains("@") ? size.substring(0, size.indexOf('@')) : size;
        String[] wh = size.split("x");
        return new SourceInfo(ImageFormat.valueOf(parts[1].toUpperCase(Locale.ROOT)), Integer.parseInt(wh[0]),
                Integer.parseInt(wh[1]), orientation, alpha);
    }

    private static String describe(Plan plan) {
        String steps = plan.steps().stream().map(PlannerTest::describe).collect(Collectors.joining(" "));
        return (plan.decodeShrink() > 1 ? "shrink=" + plan.decodeShrink() + " " : "") + steps
                + (steps.isEmpty() ? "" : " ") + "=> " + plan.width() + "x" + plan.height() + " "
                + plan.format().name().toLowerCase(Locale.ROOT) + " q" + plan.quality();
    }

    private static String describe(Step step) {
        return switch (step) {
            case Step.Orient o -> "orient(" + o.orientation() + ")";
            case Step.Region r -> "region(" + r.x() + "," + r.y() + "," + r.width() + "," + r.height() + ")";
            case Step.SmartRegion s -> "smart(" + s.width() + "," + s.height() + ")";
            case Step.Scale s -> "scale(" + s.width() + "," + s.height() + ")";
            case Step.Embed e -> "embed(" + e.width() + "," + e.height() + "," + e.x() + "," + e.y() + ","
                    + e.backdrop().canonical() + ")";
            case Step.Mirror m -> "mirror(" + (m.horizontal() ? "h" : "v") + ")";
            case Step.Turn t -> "turn(" + dev.pictor.edit.Checks.format(t.degrees()) + ")";
            case Step.TrimBorder t -> "trim";
            case Step.Subject s -> s.face().isPresent() ? "face(" + s.face().getAsInt() + "," + s.padding() + ")"
                    : "subject(" + s.padding() + ")";
            case Step.Moderate m -> m.moderation().canonical();
            case Step.Transform t -> "transform(" + t.width() + "x" + t.height() + ")";
            case Step.Framed f -> "frame(" + f.frame().key() + ")";
            case Step.Deferred d -> "deferred(" + d.edits().size() + ")";
            case Step.Filter f -> f.filter().canonical();
            case Step.Overlay o -> "overlay(" + o.watermark().key() + ")";
        };
    }
}
