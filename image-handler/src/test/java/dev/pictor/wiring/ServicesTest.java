package dev.pictor.wiring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServicesTest {

    /** A LIBVIPS_PATH that cannot be honoured stops start-up, saying why, instead of falling back to another copy. */
    @ParameterizedTest(name = "LIBVIPS_PATH={0}")
    @ValueSource(strings = {"/nonexistent/libvips-cpp.so.8", "not-a-library"})
    void anExplicitLibvipsThatDoesNotLoadStopsStartUp(String path) throws Exception {
        String value = path;
        if (path.equals("not-a-library")) {
            Path fake = Files.createTempDirectory("fake-vips-").resolve("libvips-cpp.so.8.18.7");
            Files.writeString(fake, "not an ELF file");
            value = fake.toString();
        }
        Config config = Config.fromEnvironment(Map.of("LIBVIPS_PATH", value));
        ConfigException error = assertThrows(ConfigException.class, () -> Services.engine(config));
        assertTrue(error.getMessage().startsWith("LIBVIPS_PATH (--libvips) names a libvips that does not load"),
                error.getMessage());
    }
}
