package dev.pictor.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The one log format: a JSON object per line (which CloudWatch Logs Insights queries by field, and whose lines with
 * an {@code _aws} member are also Embedded Metric Format), every line of a request carrying its id; on a terminal, a
 * readable line instead. Everything logs through {@link System.Logger}, which the JDK sends to java.util.logging; the
 * AWS SDK's SLF4J goes there too (slf4j-jdk14), at WARN and above.
 */
public final class Logs {

    /** Non-ASCII escaped: a right-to-left override in a logged path cannot make a line read otherwise. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Logs() {
    }

    /**
     * @param level    LOG_LEVEL: ERROR, WARN, INFO or DEBUG
     * @param readable a line for people (a terminal) rather than JSON
     */
    public static void configure(String level, boolean readable) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler out = new StreamHandler(System.err, readable ? new Readable() : new Json()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        out.setLevel(Level.ALL);
        root.addHandler(out);
        root.setLevel(julLevel(level));
        // The SDK's own chatter (retries, credentials) is for its developers: only its warnings are ours.
        quiet("software.amazon.awssdk", Level.WARNING);
        // Jetty's (the local server) name whole request URLs, signatures included: only its errors are kept.
        quiet("org.eclipse.jetty", Level.SEVERE);
        // JSVG warns with a stack trace of each SVG it refuses; the request's 415 and access line already say so.
        quiet("com.github.weisj.jsvg", Level.SEVERE);
    }

    /** Loggers whose level we set, held: LogManager keeps only weak references, and a collected logger its level. */
    private static final java.util.List<Logger> QUIETED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void quiet(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        QUIETED.add(logger);
    }

    /** Whether standard error goes to a person: then lines are for reading, not for Logs Insights. */
    public static boolean onTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    static Level julLevel(String level) {
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.FINE;
            case "TRACE", "ALL" -> Level.ALL;
            default -> throw new IllegalArgumentException("must be ERROR, WARN, INFO or DEBUG, got '" + level + "'");
        };
    }

    static String levelName(Level level) {
        int value = level.intValue();
        return value >= Level.SEVERE.intValue() ? "ERROR" : value >= Level.WARNING.intValue() ? "WARN"
                : value >= Level.INFO.intValue() ? "INFO" : value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    /** The fields a line carries besides its message: a map passed as the record's one parameter. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
    }

    /** One JSON object per line. */
    public static final class Json extends Formatter {

        @Override
        public String format(LogRecord record) {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
                json.writeStringField("level", levelName(record.getLevel()));
                json.writeStringField("requestId", Trace.currentId());
                json.writeStringField("logger", shortName(record.getLoggerName()));
                json.writeStringField("message", record.getMessage());
                for (Map.Entry<String, Object> field : fields(record).entrySet()) {
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue());
                }
                if (record.getThrown() != null) {
                    json.writeStringField("error", record.getThrown().toString());
                    json.writeStringField("stack", stack(record.getThrown()));
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text + System.lineSeparator();
        }
    }

    /** A line for a person: time, level, request id, message, then the fields as name=value. */
    public static final class Readable extends Formatter {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC);

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(TIME.format(Instant.ofEpochMilli(record.getMillis())))
                    .append(' ').append(String.format("%-5s", levelName(record.getLevel())))
                    .append(" [").append(Trace.currentId()).append("] ").append(printable(record.getMessage()));
            fields(record).forEach((name, value) -> {
                if (!name.equals("_aws")) {
                    line.append(' ').append(name).append('=').append(printable(String.valueOf(value)));
                }
            });
            line.append(System.lineSeparator());
            if (record.getThrown() != null) {
                line.append(stack(record.getThrown()));
            }
            return line.toString();
        }
    }

    /** Numbers, text, booleans, and maps and lists of them, as JSON; anything else as its text. */
    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Double d -> json.writeNumber(d);
            case Number n -> json.writeNumber(n.doubleValue());
            case Boolean b -> json.writeBoolean(b);
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    write(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case java.util.List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    /** Text for a terminal: control and format characters (escapes, bidirectional overrides) as '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.toString();
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static String stack(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
