package dev.pictor.request;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pictor.edit.EditChain;
import dev.pictor.edit.Variant;
import dev.pictor.edit.Watermark;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-generated variants (VARIANTS): a JSON array whose entries use the query-style vocabulary ({@code width},
 * {@code height}, {@code fit}, {@code format}, {@code quality}, {@code grayscale}, {@code blur}, {@code rotate},
 * {@code watermark}, ...) plus {@code suffix}. Each entry is read by the same {@link QueryParser} as a URL's
 * parameters, so a variant means what the same parameters mean on a URL: width and height together cover the box
 * exactly, as sharp's resize does, unless a {@code fit} says otherwise.
 */
public final class VariantParser {

    /** The original design's three sizes, each exactly its size. */
    public static final String DEFAULT = """
            [{"suffix":"thumb","width":100,"height":100},\
            {"suffix":"medium","width":500,"height":500},\
            {"suffix":"large","width":1024,"height":1024}]""";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private VariantParser() {
    }

    /**
     * @throws IllegalArgumentException naming the entry (its position and suffix) and what is wrong with it
     */
    public static List<Variant> parse(String json, Limits limits, Optional<Watermark> watermark) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException("must be a JSON array of one or more variants, e.g. "
                    + "[{\"suffix\":\"thumb\",\"width\":100,\"height\":100}]");
        }
        QueryParser query = new QueryParser(limits, watermark);
        List<Variant> variants = new ArrayList<>();
        Set<String> suffixes = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String name = "entry " + (i + 1);
            if (!entry.isObject()) {
                throw new IllegalArgumentException(name + " must be a JSON object");
            }
            JsonNode suffix = entry.get("suffix");
            if (suffix == null || !suffix.isTextual()) {
                throw new IllegalArgumentException(name + " needs a \"suffix\" (text)");
            }
            name += " (\"" + suffix.asText() + "\")";
            if (!suffixes.add(suffix.asText())) {
                throw new IllegalArgumentException(name + ": another entry has the same suffix");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (var field : entry.properties()) {
                if (field.getKey().equals("suffix")) {
                    continue;
                }
                if (field.getKey().equals(dev.pictor.signer.QuerySigner.SIGNATURE)
                        || field.getKey().equals(dev.pictor.signer.QuerySigner.EXPIRES)) {
                    throw new IllegalArgumentException(name + ": " + field.getKey() + " belongs on URLs, not variants");
                }
                JsonNode value = field.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    throw new IllegalArgumentException(name + ": " + field.getKey()
                            + " must be a number, text or true/false");
                }
                parameters.put(field.getKey(), value.asText());
            }
            try {
                EditChain chain = query.overlay(EditChain.NONE, parameters);
                if (chain.isIdentity()) {
                    throw new IllegalArgumentException(name + " asks for nothing: give it a size or an edit");
                }
                if (chain.output().delivery().meta()) {
                    throw new IllegalArgumentException(name + " must describe an image");
                }
                variants.add(new Variant(suffix.asText(), chain));
            } catch (ImageException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("entry") ? e : new IllegalArgumentException(name + ": " + e.getMessage());
            }
        }
        return List.copyOf(variants);
    }
}
