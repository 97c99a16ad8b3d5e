package dev.pictor.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which build is running: its version and when it was built, read from the jar. */
final class BuildInfo {

    static final String ID = read();

    private BuildInfo() {
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/pictor/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown") + "@" + properties.getProperty("built", "unknown");
    }
}
