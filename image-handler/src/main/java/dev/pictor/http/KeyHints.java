package dev.pictor.http;

import dev.pictor.error.ImageException;
import java.util.regex.Pattern;

/**
 * Why a key was not found, when the URL suggests it: a Thumbor part out of its place ({@code /300x200/top/left/a.jpg})
 * is read as the start of the key, as Thumbor reads it; the 404 then says which part that was.
 */
final class KeyHints {

    private static final Pattern THUMBOR_PART = Pattern.compile("left|center|right|top|middle|bottom|smart|meta"
            + "|(adaptive-)?(full-)?fit-in|trim(:.*)?|-?(\\d+|orig)?x-?(\\d+|orig)?|\\d+x\\d+:\\d+x\\d+|filters:.*");

    private KeyHints() {
    }

    static ImageException explain(ImageException notFound, String key) {
        int slash = key.indexOf('/');
        if (slash < 0 || !THUMBOR_PART.matcher(key.substring(0, slash)).matches()) {
            return notFound;
        }
        return ImageException.notFound(notFound.getMessage() + ": '" + key.substring(0, slash) + "' was read as part"
                + " of the key, because Thumbor's parts must come in order (meta, trim, crop, fit-in, size,"
                + " horizontal then vertical alignment, smart, filters); see docs/urls.md");
    }
}
