package dev.pictor.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What a deployment may choose, each option named as in {@code config.env} and as a CDK context key
 * ({@code cdk synth -c API_ENABLED=true}); context wins over the file. {@link #KEYS} lists them with their defaults.
 */
public record StackOptions(String stackName, String architecture, int memoryMb, int timeoutSeconds,
                           boolean apiEnabled, boolean corsEnabled, String corsOrigin, boolean apiKey,
                           boolean metadataEnabled, int logRetentionDays, boolean signingEnabled, boolean autoFormat,
                           boolean rekognitionEnabled, Optional<String> variants, Optional<String> httpSources,
                           Optional<Path> lambdaZip) {

    /** Every option, with its default, in the order the deployment script asks. */
    public static final Map<String, String> KEYS = defaults();

    /** Retention periods CloudWatch Logs accepts, by their days. */
    static final Map<Integer, RetentionDays> RETENTION = retentionPeriods();

    private static Map<Integer, RetentionDays> retentionPeriods() {
        Map<Integer, RetentionDays> days = new java.util.TreeMap<>();
        days.put(1, RetentionDays.ONE_DAY);
        days.put(3, RetentionDays.THREE_DAYS);
        days.put(5, RetentionDays.FIVE_DAYS);
        days.put(7, RetentionDays.ONE_WEEK);
        days.put(14, RetentionDays.TWO_WEEKS);
        days.put(30, RetentionDays.ONE_MONTH);
        days.put(60, RetentionDays.TWO_MONTHS);
        days.put(90, RetentionDays.THREE_MONTHS);
        days.put(120, RetentionDays.FOUR_MONTHS);
        days.put(150, RetentionDays.FIVE_MONTHS);
        days.put(180, RetentionDays.SIX_MONTHS);
        days.put(365, RetentionDays.ONE_YEAR);
        days.put(400, RetentionDays.THIRTEEN_MONTHS);
        days.put(545, RetentionDays.EIGHTEEN_MONTHS);
        days.put(731, RetentionDays.TWO_YEARS);
        days.put(1096, RetentionDays.THREE_YEARS);
        days.put(1827, RetentionDays.FIVE_YEARS);
        days.put(2192, RetentionDays.SIX_YEARS);
        days.put(2557, RetentionDays.SEVEN_YEARS);
        days.put(2922, RetentionDays.EIGHT_YEARS);
        days.put(3288, RetentionDays.NINE_YEARS);
        days.put(3653, RetentionDays.TEN_YEARS);
        return java.util.Collections.unmodifiableMap(days);
    }

    /** The log groups' retention. */
    public RetentionDays logRetention() {
        return RETENTION.get(logRetentionDays);
    }

    private static Map<String, String> defaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("STACK_NAME", "Pictor");
        keys.put("ARCHITECTURE", "x86_64");
        keys.put("MEMORY_MB", "1769");
        keys.put("TIMEOUT_SECONDS", "30");
        keys.put("API_ENABLED", "false");
        keys.put("CORS_ENABLED", "false");
        keys.put("CORS_ORIGIN", "*");
        keys.put("API_KEY", "true");
        keys.put("METADATA_ENABLED", "false");
        keys.put("LOG_RETENTION_DAYS", "30");
        keys.put("SIGNING_ENABLED", "false");
        keys.put("AUTO_FORMAT", "true");
        keys.put("REKOGNITION_ENABLED", "false");
        keys.put("VARIANTS", "");
        keys.put("HTTP_SOURCES", "");
        keys.put("LAMBDA_ZIP", "");
        return java.util.Collections.unmodifiableMap(keys);
    }

    public StackOptions {
        if (!architecture.equals("x86_64") && !architecture.equals("arm64")) {
            throw new IllegalArgumentException("ARCHITECTURE must be x86_64 or arm64, got '" + architecture + "'");
        }
        if (memoryMb < 512 || memoryMb > 10240) {
            throw new IllegalArgumentException("MEMORY_MB must be between 512 and 10240, got " + memoryMb);
        }
        if (timeoutSeconds < 5 || timeoutSeconds > 900) {
            throw new IllegalArgumentException("TIMEOUT_SECONDS must be between 5 and 900, got " + timeoutSeconds);
        }
        if (!RETENTION.containsKey(logRetentionDays)) {
            throw new IllegalArgumentException("LOG_RETENTION_DAYS must be one of " + RETENTION.keySet() + ", got "
                    + logRetentionDays);
        }
        if (!stackName.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
            throw new IllegalArgumentException("STACK_NAME must be letters, digits and '-', got '" + stackName + "'");
        }
    }

    /** Defaults, then the file's values, then the context's. */
    public static StackOptions from(Map<String, String> file, Map<String, String> context) {
        Map<String, String> values = new LinkedHashMap<>(KEYS);
        for (Map<String, String> layer : List.of(file, context)) {
            layer.forEach((key, value) -> {
                if (!KEYS.containsKey(key)) {
                    throw new IllegalArgumentException("unknown option " + key + "; known: " + KEYS.keySet());
                }
                values.put(key, value.trim());
            });
        }
        return new StackOptions(values.get("STACK_NAME"), values.get("ARCHITECTURE"),
                number(values, "MEMORY_MB"), number(values, "TIMEOUT_SECONDS"), flag(values, "API_ENABLED"),
                flag(values, "CORS_ENABLED"), values.get("CORS_ORIGIN"), flag(values, "API_KEY"),
                flag(values, "METADATA_ENABLED"), number(values, "LOG_RETENTION_DAYS"),
                flag(values, "SIGNING_ENABLED"), flag(values, "AUTO_FORMAT"), flag(values, "REKOGNITION_ENABLED"),
                Optional.of(values.get("VARIANTS")).filter(v -> !v.isEmpty()),
                Optional.of(values.get("HTTP_SOURCES")).filter(v -> !v.isEmpty()),
                Optional.of(values.get("LAMBDA_ZIP")).filter(v -> !v.isEmpty()).map(Path::of));
    }

    /** {@code KEY=value} lines; blank lines and {@code #} comments are skipped, quotes around a value dropped. */
    public static Map<String, String> readFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": '" + text + "' is not KEY=value");
                }
                String value = text.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(text.substring(0, eq).strip(), value);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip of this architecture: LAMBDA_ZIP, else what lambda-zip built. */
    public Path zip(Path repository) {
        return lambdaZip.orElse(repository.resolve("lambda-zip/target/pictor-lambda-"
                + (architecture.equals("arm64") ? "aarch64" : "x86_64") + ".zip"));
    }

    private static int number(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + values.get(key) + "'");
        }
    }

    private static boolean flag(Map<String, String> values, String key) {
        return switch (values.get(key).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + values.get(key)
                    + "'");
        };
    }
}
