package dev.pictor.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pictor.edit.Checks;
import dev.pictor.edit.Color;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.List;

/** Reading JSON values the way the Serverless Image Handler's requests write them, each failure naming the field. */
final class JsonValues {

    private JsonValues() {
    }

    static Color color(JsonNode v, String name) {
        if (v.isTextual()) {
            return Color.parse(name, v.asText());
        }
        if (v.isObject()) {
            JsonNode alpha = v.get("alpha");
            return new Color(wholeField(v, "r", name), wholeField(v, "g", name), wholeField(v, "b", name),
                    alpha == null ? 255 : (int) Math.round(Checks.inRange(name + " alpha", number(alpha, "alpha"), 0, 1)
                            * 255));
        }
        throw ImageException.invalidParameter(name + " must be a colour: a name, hex, or {\"r\", \"g\", \"b\"}");
    }

    static int wholeField(JsonNode v, String field, String name) {
        JsonNode value = v.get(field);
        if (value == null) {
            throw ImageException.invalidParameter(name + " needs '" + field + "'");
        }
        return whole(value, name + " " + field);
    }

    /** A whole number that fits an int: 4294967296 is refused, not read as 0. */
    static int whole(JsonNode v, String name) {
        double value = number(v, name);
        if (Math.abs(value) > Integer.MAX_VALUE) {
            throw ImageException.invalidParameter(name + " is out of range, got " + v.asText());
        }
        return (int) Math.round(value);
    }

    static double number(JsonNode v, String name) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return Values.decimal(name, v.asText());
        }
        throw ImageException.invalidParameter(name + " must be a number, got " + v);
    }

    static boolean truthy(JsonNode v, String name) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return Values.flag(name, v.asText());
        }
        throw ImageException.invalidParameter(name + " must be true or false, got " + v);
    }

    static String text(JsonNode v, String name) {
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw ImageException.invalidParameter(name + " must be a non-empty string");
        }
        return v.asText();
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
