package dev.pictor.request;

import dev.pictor.config.Config;
import dev.pictor.error.ImageException;
import java.util.Map;

/**
 * Picks the dialect that claims a URL and parses it. Thumbor when the path is signed or starts with
 * {@code /unsafe/}; query style when there are query parameters or the path starts with {@code /image/}; otherwise
 * the Thumbor grammar without a signature, as AWS's Serverless Image Handler reads it (a plain key is the
 * degenerate case, the original image).
 */
public final class RequestParser {

    private final ThumborParser thumbor;
    private final QueryParser query;

    public RequestParser(Config config) {
        Limits limits = Limits.from(config);
        this.thumbor = new ThumborParser(limits);
        this.query = new QueryParser(limits, config.watermark());
    }

    public ImageRequest parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() < 2) {
            throw ImageException.badRequest("MissingKey", "the URL names no image");
        }
        Map<String, String> params = PathText.parseQuery(rawQuery);
        if (ThumborParser.isSignedOrUnsafe(rawPath)) {
            if (!params.isEmpty()) {
                throw ImageException.invalidParameter("Thumbor URLs take no query parameters; got '"
                        + params.keySet().iterator().next() + "'");
            }
            return thumbor.parse(rawPath);
        }
        if (!params.isEmpty() || rawPath.startsWith("/image/")) {
            return query.parse(rawPath, params);
        }
        return thumbor.parse(rawPath);
    }
}
