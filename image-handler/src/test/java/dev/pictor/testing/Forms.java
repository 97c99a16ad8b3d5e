package dev.pictor.testing;

import dev.pictor.engine.java2d.PngBomb;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies for the API tables, written in one line: {@code form:file=@bird.jpg,width=300} (a sample, or
 * {@code @fixture/not-an-image.jpg}, {@code @bomb} for a 50000x50000 PNG header, or {@code @gif-5000x5000x5}: five
 * frames of 1x1 on a 5000x5000 screen, 125 million pixels as an animation), {@code json:{...}},
 * {@code text:...}, or {@code -} for none.
 */
public final class Forms {

    public static final String BOUNDARY = "----pictor-test-7MA4YWxkTrZu0gW";

    private Forms() {
    }

    /** The body's bytes and Content-Type. */
    public record Body(byte[] bytes, String contentType) {
    }

    public static Body body(String spec) {
        if (spec.equals("-")) {
            return new Body(new byte[0], "");
        }
        if (spec.startsWith("json:")) {
            return new Body(spec.substring(5).getBytes(StandardCharsets.UTF_8), "application/json");
        }
        if (spec.equals("form-broken")) {
            return new Body("--" .concat(BOUNDARY).concat("\r\nno headers end here").getBytes(StandardCharsets.UTF_8),
                    "multipart/form-data; boundary=" + BOUNDARY);
        }
        if (spec.startsWith("text:")) {
            return new Body(spec.substring(5).getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        if (!spec.startsWith("form:")) {
            throw new IllegalArgumentException("body " + spec);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String rest = spec.substring(5);
        for (String field : rest.isEmpty() ? new String[0] : rest.split(",")) {
            int eq = field.indexOf('=');
            String name = field.substring(0, eq);
            String value = field.substring(eq + 1);
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (value.startsWith("@")) {
                String file = value.substring(1);
                String filename = file.substring(file.lastIndexOf('/') + 1);
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(file(file));
            } else {
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Body(out.toByteArray(), "multipart/form-data; boundary=" + BOUNDARY);
    }

    public static byte[] file(String name) {
        if (name.equals("bomb")) {
            return PngBomb.of(50_000, 50_000);
        }
        if (name.equals("gif-5000x5000x5")) {
            return TestImages.tinyFramesGif(5000, 5000, 5);
        }
        return name.startsWith("fixture/") ? TestImages.fixture(name.substring("fixture/".length()))
                : TestImages.sample(name);
    }
}
