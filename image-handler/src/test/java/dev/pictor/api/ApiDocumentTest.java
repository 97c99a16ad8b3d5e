package dev.pictor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pictor.edit.Fit;
import dev.pictor.edit.ImageFormat;
import dev.pictor.request.QueryParser;
import dev.pictor.testing.Forms;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/api.yaml against what the API does: its endpoints, statuses, form fields and the JSON it answers. */
class ApiDocumentTest {

    static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        document = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(Path.of("../docs/api.yaml")));
        ApiTest.start();
    }

    @AfterAll
    static void stop() {
        ApiTest.stop();
    }

    static Set<String> documentedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                op -> endpoints.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return endpoints;
    }

    static JsonNode schema(String name) {
        return document.get("components").get("schemas").get(name);
    }

    static Set<String> properties(String schema) {
        Set<String> names = new TreeSet<>();
        schema(schema).get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void documentsEveryEndpointAndNoOther() throws Exception {
        assertEquals(new TreeSet<>(ApiService.ENDPOINTS), documentedEndpoints());
        for (String endpoint : ApiService.ENDPOINTS) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", "AAAAAAAAAAAAAAAAAAAAAA");
            HttpResponse<byte[]> response = ApiTest.send(method, "/api" + path, Forms.body("-"));
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("no API endpoint"), endpoint + ": " + body);
            assertTrue(response.statusCode() != 405, endpoint + ": " + body);
        }
    }

    /** Every status the request table sees is documented for its endpoint. */
    @Test
    void documentsEveryStatusTheTableSees() throws Exception {
        List<String> missing = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/cases/api-requests.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(" \\| ");
            String method = row[1].trim().toLowerCase(Locale.ROOT);
            String path = row[2].trim().replaceFirst("^/info/.*", "/info/{id}");
            String status = row[4].trim();
            JsonNode operations = document.get("paths").path(path);
            if (operations.isMissingNode()) {
                continue;  // no endpoint there: the 404 every unknown path gets
            }
            // A wrong method is answered by the path's own operation (405).
            JsonNode operation = operations.has(method) ? operations.get(method) : operations.elements().next();
            if (!operation.get("responses").has(status)) {
                missing.add(row[0].trim() + ": " + status);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theTransformFormHoldsTheQueryVocabulary() {
        Set<String> fields = properties("TransformForm");
        fields.remove("file");
        assertEquals(new TreeSet<>(QueryParser.PARAMETERS), fields);
        Set<String> fits = new HashSet<>();
        schema("TransformForm").get("properties").get("fit").get("enum").forEach(v -> fits.add(v.asText()));
        assertEquals(Arrays.stream(Fit.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toSet()), fits);
        schema("TransformForm").get("properties").get("format").get("enum")
                .forEach(v -> ImageFormat.parseOutput("format", v.asText()));
    }

    /** The JSON answers carry what the schemas say, and nothing they do not. */
    @Test
    void theAnswersMatchTheirSchemas() throws Exception {
        HttpResponse<byte[]> created = ApiTest.send("POST", "/api/upload", Forms.body("form:file=@forest.webp"));
        assertEquals(201, created.statusCode());
        JsonNode record = ApiTest.JSON.readTree(created.body());
        checkFields("ImageRecord", record);
        checkFields("Variant", record.get("variants").get(0));
        HttpResponse<byte[]> url = ApiTest.send("POST", "/api/upload-url",
                Forms.body("json:{\"filename\":\"x.png\",\"contentType\":\"image/png\",\"bytes\":10}"));
        checkFields("UploadUrl", ApiTest.JSON.readTree(url.body()));
        HttpResponse<byte[]> error = ApiTest.send("GET", "/api/info/AAAAAAAAAAAAAAAAAAAAAA", Forms.body("-"));
        checkFields("Error", ApiTest.JSON.readTree(error.body()));
    }

    private static void checkFields(String schema, JsonNode answer) {
        Set<String> present = new TreeSet<>();
        answer.fieldNames().forEachRemaining(present::add);
        Set<String> documented = properties(schema);
        assertTrue(documented.containsAll(present), schema + " lacks " + difference(present, documented));
        Set<String> required = new TreeSet<>();
        schema(schema).path("required").forEach(r -> required.add(r.asText()));
        assertTrue(present.containsAll(required), schema + " answer lacks " + difference(required, present));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
