package dev.pictor.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackOptionsTest {

    @Test
    void contextOverridesTheFileWhichOverridesTheDefaults() throws Exception {
        Path file = Files.createTempFile("config", ".env");
        Files.writeString(file, """
                # Pictor deployment
                API_ENABLED=true
                CORS_ORIGIN="https://example.com"
                LOG_RETENTION_DAYS=90

                MEMORY_MB = 1024
                """);
        StackOptions options = StackOptions.from(StackOptions.readFile(file), Map.of("MEMORY_MB", "3008"));
        assertTrue(options.apiEnabled());
        assertEquals("https://example.com", options.corsOrigin());
        assertEquals(90, options.logRetentionDays());
        assertEquals(3008, options.memoryMb());
        assertEquals("x86_64", options.architecture());
        assertTrue(options.apiKey(), "an API is keyed unless told otherwise");
        assertEquals(Path.of("/repo/lambda-zip/target/pictor-lambda-x86_64.zip"), options.zip(Path.of("/repo")));
        assertEquals(Map.of(), StackOptions.readFile(Path.of("no-such-file.env")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiterString = " | ", textBlock = """
            ARCHITECTURE       | sparc   | ARCHITECTURE must be x86_64 or arm64
            MEMORY_MB          | 128     | MEMORY_MB must be between 512 and 10240
            MEMORY_MB          | lots    | MEMORY_MB must be a whole number
            TIMEOUT_SECONDS    | 1000    | TIMEOUT_SECONDS must be between 5 and 900
            LOG_RETENTION_DAYS | 10      | LOG_RETENTION_DAYS must be one of
            API_ENABLED        | perhaps | API_ENABLED must be true or false
            STACK_NAME         | my_app  | STACK_NAME must be letters
            COLOUR             | red     | unknown option COLOUR
            """)
    void badOptionsAreRefusedNamingThem(String key, String value, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StackOptions.from(Map.of(), Map.of(key, value)));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
