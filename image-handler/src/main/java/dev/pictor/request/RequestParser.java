package dev.pictor.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import dev.pictor.signer.QuerySigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the dialect that claims a path and parses it, then lays the query's edits over it. The Serverless Image
 * Handler's JSON when the path is base64 of a JSON object; our {@code /image/<bucket>/<key>}; otherwise the Thumbor
 * grammar, signed, {@code /unsafe/}, or bare as the Serverless Image Handler reads it (after its
 * REWRITE_MATCH_PATTERN, when one is configured), which includes a plain key, the original image.
 */
public final class RequestParser {

    private static final String CALLBACK = "callback";

    private final ThumborParser thumbor;
    private final QueryParser query;
    private final SihJsonParser sihJson;
    private final Optional<PathRewrite> rewrite;

    /**
     * @param limits      the largest sizes a URL may ask for
     * @param watermark   what the query style's {@code watermark=true} lays over the image (WATERMARK_KEY)
     * @param rewrite     the Serverless Image Handler's REWRITE_MATCH_PATTERN, applied to bare paths
     * @param rekognition whether SIH's face smartCrop and contentModeration are served (REKOGNITION_ENABLED)
     */
    public RequestParser(Limits limits, Optional<Watermark> watermark, Optional<PathRewrite> rewrite,
                         boolean rekognition) {
        this.thumbor = new ThumborParser(limits);
        this.query = new QueryParser(limits, watermark);
        this.sihJson = new SihJsonParser(limits, rekognition);
        this.rewrite = rewrite;
    }

    public ImageRequest parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() < 2) {
            throw ImageException.badRequest("MissingKey", "the URL names no image");
        }
        Map<String, String> params = PathText.parseQuery(rawQuery);
        Map<String, String> edits = new LinkedHashMap<>(params);
        edits.remove(QuerySigner.SIGNATURE);
        edits.remove(QuerySigner.EXPIRES);
        // Thumbor's meta?callback=fn: how the JSON is answered, not the image, so a Thumbor signature need not cover it.
        Optional<String> callback = Optional.ofNullable(edits.remove(CALLBACK));
        Optional<ObjectNode> json = SihJsonParser.decode(rawPath);
        ImageRequest base;
        if (json.isPresent()) {
            base = sihJson.parse(json.get(), Optional.empty());
        } else if (rawPath.startsWith("/image/")) {
            base = QueryParser.imagePath(rawPath);
        } else {
            String path = rewrite.map(r -> r.apply(rawPath)).orElse(rawPath);
            base = thumbor.parse(path);
            Optional<String> unsigned = params.keySet().stream().filter(name -> !name.equals(CALLBACK)).findFirst();
            if (base.signature().isPresent() && unsigned.isPresent()) {
                // A Thumbor signature covers the path only: parameters beside it could change the image unsigned.
                throw ImageException.invalidParameter("Thumbor-signed URLs take no query parameters; got '"
                        + unsigned.get() + "'");
            }
        }
        EditChain chain = edits.isEmpty() ? base.chain() : query.overlay(base.chain(), edits);
        if (callback.isPresent()) {
            if (!chain.output().delivery().meta()) {
                throw ImageException.invalidParameter("callback is only meaningful with /meta/");
            }
            chain = new EditChain(chain.edits(), chain.output().withCallback(callback.get()));
        }
        Optional<Signature> signature = base.signature().or(() -> querySignature(rawPath, params));
        return new ImageRequest(base.bucket(), base.key(), chain, signature,
                Optional.ofNullable(params.get(QuerySigner.EXPIRES)));
    }

    /** The Serverless Image Handler's signature in the query: over the path and the other parameters, sorted. */
    private static Optional<Signature> querySignature(String rawPath, Map<String, String> params) {
        if (!params.containsKey(QuerySigner.SIGNATURE)) {
            return Optional.empty();
        }
        params.forEach((name, value) -> {
            // The signed text joins decoded names and values with '=' and '&': one holding them could pass for two.
            if (name.contains("&") || name.contains("=") || value.contains("&")) {
                throw ImageException.invalidParameter("a signed URL's parameters may not hold '&' (nor names '='), "
                        + "encoded or not: '" + name + "'");
            }
        });
        return Optional.of(new Signature(Signature.Scheme.QUERY, params.get(QuerySigner.SIGNATURE),
                QuerySigner.signedText(rawPath, params)));
    }
}
