package dev.pictor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.pictor.api.ApiService;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.wiring.Services;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API's Lambda adapter, for API Gateway REST API proxy events: the event becomes an {@link HttpRequest}
 * (a binary body arrives base64-encoded, as the API's binary media types make it), the answer a response event whose
 * images are base64.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Functions.Shared<ApiService> SHARED = new Functions.Shared<>(() -> {
        Services.Parts parts = Functions.parts();
        return Services.api(parts, Services.uploadProcessor(parts));
    });

    private final ApiService api;

    /** Used by the Lambda runtime: built during the init phase, once per execution environment. */
    public ApiHandler() {
        this(SHARED.get());
    }

    public ApiHandler(ApiService api) {
        this.api = api;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Map<String, String> headers = new HashMap<>();
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        } else if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        byte[] body = event.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(event.getIsBase64Encoded()) ? Base64.getMimeDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest(event.getHttpMethod(), event.getPath(),
                rawQuery(event.getMultiValueQueryStringParameters()), headers, body);
        HttpResponse response = Functions.trace(context).run(() -> api.handle(request));
        boolean text = response.contentType().startsWith("application/json");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(text ? new String(response.body(), StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(response.body()))
                .withIsBase64Encoded(!text);
    }

    /** API Gateway hands the query decoded, by name; the service reads it as it came, encoded. */
    private static String rawQuery(Map<String, List<String>> parameters) {
        if (parameters == null) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
