package dev.pictor.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.lambda.ImageHandler;
import dev.pictor.telemetry.Logs;
import dev.pictor.wiring.Services;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * One cold start of the image function, for {@code benchmark/cold-start.sh}: a fresh JVM builds the Lambda handler
 * as the runtime does in its init phase (its no-argument constructor, configured by the environment), answers one
 * function URL event for {@code /unsafe/500x500/<key>} and exits. It prints when {@code main} began, when the handler
 * was built and when the image was answered, in microseconds since the epoch, so that the script can split the wall
 * time it measures from outside.
 *
 * <p>Usage: {@code ColdStart <key> [handler|steps|no-priming]}. {@code steps} builds the same handler one part at a
 * time, as {@code Functions} does (Jackson's first use, the configuration and logs, the engine, the parts, the
 * priming registration, the service), and also prints each part's milliseconds; {@code no-priming} leaves out the
 * one part that serves only SnapStart (the priming registration), to measure what it costs where there is no
 * snapshot.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        long entered = micros();
        String mode = args.length > 1 ? args[1] : "handler";
        StringBuilder steps = new StringBuilder();
        ImageHandler handler;
        if (mode.equals("handler")) {
            handler = new ImageHandler();
        } else {
            long t = micros();
            // Jackson's first use, which reading the configuration makes (VARIANTS' default is JSON), on its own.
            JsonMapper.builder().build().readTree("[{}]");
            t = step(steps, "jackson", t);
            Config config = Config.fromEnvironment(System.getenv());
            Logs.configure(config.logLevel(), false);
            t = step(steps, "config", t);
            // The engine on its own (the native libraries are loaded once); Services.parts then builds it again.
            Services.engine(config);
            t = step(steps, "engine", t);
            Services.Parts parts = Services.parts(config);
            t = step(steps, "parts", t);
            if (mode.equals("steps")) {
                // Functions.parts() does this; the class is package-private, hence reflection.
                Method register = Class.forName("dev.pictor.lambda.Priming")
                        .getDeclaredMethod("register", ImageEngine.class);
                register.setAccessible(true);
                register.invoke(null, parts.renderer().engine());
                t = step(steps, "priming", t);
            } else if (!mode.equals("no-priming")) {
                throw new IllegalArgumentException("mode " + mode);
            }
            handler = new ImageHandler(Services.imageService(parts));
            step(steps, "service", t);
        }
        long built = micros();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath("/unsafe/500x500/" + args[0])
                .withRawQueryString("")
                .withHeaders(Map.of("user-agent", "Amazon CloudFront"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = micros();
        if (response.getStatusCode() != 200 || !response.getIsBase64Encoded()) {
            System.err.println("answered " + response.getStatusCode() + ": " + response.getBody());
            System.exit(1);
        }
        int bytes = Base64.getDecoder().decode(response.getBody()).length;
        System.out.println("COLDSTART main=" + entered + " built=" + built + " answered=" + answered + " bytes=" + bytes
                + " type=" + response.getHeaders().get("Content-Type") + (steps.isEmpty() ? "" : " steps=" + steps));
        // The image function's parts may hold threads (access counting); a Lambda environment is frozen, not ended.
        System.exit(0);
    }

    /** Appends {@code name:milliseconds} since {@code since} and returns now. */
    private static long step(StringBuilder steps, String name, long since) {
        long now = micros();
        steps.append(steps.isEmpty() ? "" : ",").append(name).append(':').append((now - since) / 1000);
        return now;
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
