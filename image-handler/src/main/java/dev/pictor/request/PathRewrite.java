package dev.pictor.request;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Serverless Image Handler's REWRITE_MATCH_PATTERN and REWRITE_SUBSTITUTION: custom paths mapped onto Thumbor
 * paths before parsing. The pattern is written as in JavaScript, {@code /regex/flags} (g replaces every match, i, m
 * and s as in JavaScript), or as plain text matched literally once; the substitution's {@code $1}, {@code $&},
 * {@code $<name>} and {@code $$} mean what they mean in JavaScript's String.replace.
 */
public record PathRewrite(Pattern pattern, boolean global, String replacement) {

    public static PathRewrite of(String match, String substitution) {
        Matcher literal = Pattern.compile("/(.*)/([a-z]*)", Pattern.DOTALL).matcher(match);
        if (!literal.matches()) {
            return new PathRewrite(Pattern.compile(Pattern.quote(match)), false, javaReplacement(substitution));
        }
        int flags = 0;
        for (char flag : literal.group(2).toCharArray()) {
            flags |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'g', 'u', 'y', 'd' -> 0;
                default -> throw new IllegalArgumentException("unknown regular expression flag '" + flag + "'");
            };
        }
        try {
            return new PathRewrite(Pattern.compile(literal.group(1), flags), literal.group(2).contains("g"),
                    javaReplacement(substitution));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + e.getDescription());
        }
    }

    public String apply(String path) {
        Matcher m = pattern.matcher(path);
        return global ? m.replaceAll(replacement) : m.replaceFirst(replacement);
    }

    /** JavaScript's replacement syntax in Java's: $& is $0, $<name> is ${name}, $$ a dollar, a lone \ literal. */
    private static String javaReplacement(String js) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            char next = i + 1 < js.length() ? js.charAt(i + 1) : 0;
            if (c == '$' && next == '&') {
                out.append("$0");
                i++;
            } else if (c == '$' && next == '$') {
                out.append("\\$");
                i++;
            } else if (c == '$' && next == '<' && js.indexOf('>', i) > 0) {
                out.append("${").append(js, i + 2, js.indexOf('>', i)).append('}');
                i = js.indexOf('>', i);
            } else if (c == '$' && Character.isDigit(next)) {
                out.append(c);
            } else if (c == '$' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
