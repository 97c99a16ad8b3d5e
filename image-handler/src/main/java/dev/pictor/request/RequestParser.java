package dev.pictor.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.config.Config;
import dev.pictor.error.ImageException;
import dev.pictor.signer.QuerySigner;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the dialect that claims a URL and parses it. The Serverless Image Handler's JSON when the path is base64 of
 * a JSON object; Thumbor when the path is signed or starts with
 * {@code /unsafe/}; query style when there are query parameters other than {@code signature} and {@code expires},
 * or the path starts with {@code /image/}; otherwise the Thumbor grammar without a signature in the path, as AWS's
 * Serverless Image Handler reads it, signed or not by its query parameter (a plain key is the degenerate case,
 * the original image).
 */
public final class RequestParser {

    private final ThumborParser thumbor;
    private final QueryParser query;
    private final SihJsonParser sihJson;

    public RequestParser(Config config) {
        Limits limits = Limits.from(config);
        this.thumbor = new ThumborParser(limits);
        this.query = new QueryParser(limits, config.watermark());
        this.sihJson = new SihJsonParser(limits);
    }

    public ImageRequest parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() < 2) {
            throw ImageException.badRequest("MissingKey", "the URL names no image");
        }
        Map<String, String> params = PathText.parseQuery(rawQuery);
        Optional<ObjectNode> json = SihJsonParser.decode(rawPath);
        if (json.isPresent()) {
            return sihJson.parse(json.get(), querySignature(rawPath, params));
        }
        boolean onlySigning = params.keySet().stream()
                .allMatch(name -> name.equals(QuerySigner.SIGNATURE) || name.equals(QuerySigner.EXPIRES));
        if (ThumborParser.isSignedOrUnsafe(rawPath)) {
            if (!params.isEmpty()) {
                throw ImageException.invalidParameter("Thumbor URLs take no query parameters; got '"
                        + params.keySet().iterator().next() + "'");
            }
            return thumbor.parse(rawPath);
        }
        if (!onlySigning || rawPath.startsWith("/image/")) {
            return query.parse(rawPath, params);
        }
        // A Thumbor-grammar path signed the Serverless Image Handler way: /300x200/a.jpg?signature=...
        ImageRequest request = thumbor.parse(rawPath);
        return new ImageRequest(request.bucket(), request.key(), request.chain(), querySignature(rawPath, params));
    }

    /** The Serverless Image Handler's signature in the query, for paths that carry no other parameters. */
    private static Optional<Signature> querySignature(String rawPath, Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!name.equals(QuerySigner.SIGNATURE) && !name.equals(QuerySigner.EXPIRES)) {
                throw ImageException.invalidParameter("this request style takes no query parameter '" + name + "'");
            }
        }
        if (params.isEmpty()) {
            return Optional.empty();
        }
        if (!params.containsKey(QuerySigner.SIGNATURE)) {
            throw ImageException.invalidParameter("expires is only meaningful on a signed URL");
        }
        return Optional.of(new Signature(Signature.Scheme.QUERY, params.get(QuerySigner.SIGNATURE),
                QuerySigner.signedText(rawPath, params), Optional.ofNullable(params.get(QuerySigner.EXPIRES))));
    }
}
