package dev.pictor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.wiring.Services;
import java.util.Base64;
import java.util.Map;

/**
 * The Lambda adapter for function URLs and API Gateway HTTP APIs (payload format 2.0): the event becomes an
 * {@link HttpRequest}, the response a base64 body. The service is built once per execution environment, when the
 * runtime creates the handler during the init phase, so that SnapStart snapshots it ready.
 */
public final class ImageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Functions.Shared<ImageService> SHARED = new Functions.Shared<>(
            () -> Services.imageService(Functions.parts()));

    private final ImageService service;

    /** Used by the Lambda runtime. */
    public ImageHandler() {
        this(SHARED.get());
    }

    public ImageHandler(ImageService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "GET";
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        HttpResponse response = Functions.trace(context).run(() -> service.handle(new HttpRequest(method,
                event.getRawPath(), event.getRawQueryString(), headers)));
        boolean text = response.contentType().startsWith("application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(text ? new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(response.body()))
                .withIsBase64Encoded(!text)
                .build();
    }
}
