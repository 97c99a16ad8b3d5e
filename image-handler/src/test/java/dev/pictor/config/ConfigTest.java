package dev.pictor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @Test
    void defaultsNeedNoEnvironment() {
        Config config = Config.fromEnvironment(Map.of());
        assertEquals(8080, config.port());
        assertEquals(Optional.empty(), config.imagesDir());
        assertEquals(List.of("images"), config.sourceBuckets());
        assertEquals("images", config.defaultBucket());
        assertEquals(80, config.defaultQuality());
        assertEquals(Optional.empty(), config.watermark());
    }

    @Test
    void environmentSetsAndFlagsOverride() {
        Map<String, String> env = Map.of("PORT", "9000", "IMAGES_DIR", "/srv/images",
                "SOURCE_BUCKETS", "photos, avatars ,", "DEFAULT_QUALITY", "70");
        Config fromEnv = Config.fromEnvironment(env);
        assertEquals(9000, fromEnv.port());
        assertEquals(Optional.of(Path.of("/srv/images")), fromEnv.imagesDir());
        assertEquals(List.of("photos", "avatars"), fromEnv.sourceBuckets());
        Config overridden = Config.from(env, new String[] {"--port", "9100", "--images=/tmp/pics", "--quality", "90"});
        assertEquals(9100, overridden.port());
        assertEquals(Optional.of(Path.of("/tmp/pics")), overridden.imagesDir());
        assertEquals(90, overridden.defaultQuality());
        assertEquals(List.of("photos", "avatars"), overridden.sourceBuckets());
    }

    @ParameterizedTest(name = "WATERMARK_POSITION={0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            center,-20 | watermark(brand/logo.png,center,-20,20,10,none)
            center     | watermark(brand/logo.png,center,center,20,10,none)
            repeat     | watermark(brand/logo.png,repeat,repeat,20,10,none)
            10p,-10    | watermark(brand/logo.png,10p,-10,20,10,none)
            """)
    void configuredWatermark(String position, String expected) {
        Config config = Config.fromEnvironment(Map.of("WATERMARK_KEY", "brand/logo.png",
                "WATERMARK_POSITION", position, "WATERMARK_OPACITY", "80", "WATERMARK_SCALE", "10"));
        assertEquals(expected, config.watermark().orElseThrow().canonical());
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            PORT               | http
            PORT               | 70000
            DEFAULT_QUALITY    | 0
            MAX_OUTPUT_WIDTH   | -1
            SOURCE_BUCKETS     | ,
            CACHE_MAX_AGE      | soon
            LOG_LEVEL          | loud
            DEMO_SIGNING       | true
            """)
    void badValuesNameTheSetting(String name, String value) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of(name, value)));
        assertTrue(error.getMessage().startsWith(name), error.getMessage());
    }

    @ParameterizedTest(name = "rewrite pattern {0} is refused")
    @CsvSource(delimiterString = " | ", textBlock = """
            /(unclosed/g
            /a/q
            """)
    void badRewritePatternsAreRefused(String pattern) {
        ConfigException error = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(
                "REWRITE_MATCH_PATTERN", pattern, "REWRITE_SUBSTITUTION", "x")));
        assertTrue(error.getMessage().startsWith("REWRITE_MATCH_PATTERN"), error.getMessage());
    }

    @Test
    void unknownFlagsAndMissingValuesAreRefused() {
        assertThrows(ConfigException.class, () -> Config.from(Map.of(), new String[] {"--colour", "red"}));
        assertThrows(ConfigException.class, () -> Config.from(Map.of(), new String[] {"--port"}));
    }

    @ParameterizedTest(name = "VARIANTS {0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            not JSON                       | [{"width":1                                   | is not valid JSON
            not an array                   | {"suffix":"a","width":1}                      | must be a JSON array
            an empty array                 | []                                            | must be a JSON array
            an entry without suffix        | [{"width":100}]                               | entry 1 needs a "suffix"
            a bad suffix                   | [{"suffix":"a/b","width":100}]                | entry 1 ("a/b"): suffix must be
            an unknown parameter           | [{"suffix":"a","width":9},{"suffix":"b","colour":"red"}] | entry 2 ("b"): unknown parameter 'colour'
            a width over the limit         | [{"suffix":"big","width":90000}]              | entry 1 ("big"): width must be 0 (auto) or 1 to 4096
            a bad format                   | [{"suffix":"x","width":10,"format":"bmpx"}]   | entry 1 ("x"): format must be one of
            an entry asking for nothing    | [{"suffix":"same"}]                           | entry 1 ("same") asks for nothing
            two entries with one suffix    | [{"suffix":"a","width":1},{"suffix":"a","width":2}] | entry 2 ("a"): another entry has the same suffix
            a nested value                 | [{"suffix":"a","width":{"px":1}}]             | entry 1 ("a"): width must be a number
            a signature                    | [{"suffix":"a","width":1,"signature":"x"}]    | entry 1 ("a"): signature belongs on URLs
            a watermark none is configured | [{"suffix":"a","width":1,"watermark":true}]   | entry 1 ("a"): watermark=true needs a configured watermark
            """)
    void badVariantsStopStartUpNamingTheEntry(String what, String json, String message) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("VARIANTS", json)));
        assertTrue(error.getMessage().startsWith("VARIANTS (--variants) " + message), error.getMessage());
    }

    @Test
    void variantsDefaultToTheOriginalDesignsThreeSizes() {
        Config config = Config.fromEnvironment(Map.of());
        assertEquals(List.of("thumb: resize(100x100,cover,gravity=0.5,0.5)",
                "medium: resize(500x500,cover,gravity=0.5,0.5)", "large: resize(1024x1024,cover,gravity=0.5,0.5)"),
                config.variants().stream()
                .map(v -> v.suffix() + ": " + v.chain().canonical()).toList());
        Config custom = Config.fromEnvironment(Map.of("VARIANTS",
                "[{\"suffix\":\"bw\",\"width\":200,\"height\":200,\"grayscale\":true,\"quality\":60}]"));
        assertEquals("bw: resize(200x200,cover,gravity=0.5,0.5)/grayscale/quality=60;",
                custom.variants().getFirst().suffix() + ": " + custom.variants().getFirst().chain().canonical());
    }

    @Test
    void theOriginalDesignsAccessorsReadTheSameSettings() {
        Config config = Config.fromEnvironment(Map.of("SOURCE_BUCKETS", "photos,avatars",
                "PROCESSED_BUCKET", "thumbs", "CACHE_MAX_AGE", "0"));
        assertEquals(List.of("photos", "avatars"), config.getSourceBuckets());
        assertEquals("thumbs", config.getOutputBucket());
        assertEquals(false, config.isCacheEnabled());
        assertEquals(List.of("photos", "avatars", "thumbs"), config.readableBuckets());
        assertTrue(Config.fromEnvironment(Map.of()).isCacheEnabled());
    }
}
