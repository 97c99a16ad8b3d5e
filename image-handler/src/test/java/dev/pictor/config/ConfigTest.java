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

    @Test
    void configuredWatermark() {
        Config config = Config.fromEnvironment(Map.of("WATERMARK_KEY", "brand/logo.png",
                "WATERMARK_POSITION", "center,-20", "WATERMARK_OPACITY", "80", "WATERMARK_SCALE", "10"));
        assertEquals("watermark(brand/logo.png,center,-20,20,10,none)", config.watermark().orElseThrow().canonical());
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            PORT               | http
            PORT               | 70000
            DEFAULT_QUALITY    | 0
            MAX_OUTPUT_WIDTH   | -1
            SOURCE_BUCKETS     | ,
            CACHE_MAX_AGE      | soon
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
}
