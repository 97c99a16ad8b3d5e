package dev.pictor.lambda;

import dev.pictor.config.Config;
import dev.pictor.engine.ImageEngine;
import dev.pictor.error.ImageException;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.source.StoredObject;
import dev.pictor.telemetry.Trace;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an execution environment, representative requests run through the
 * whole request path (parsers, planner, the libjpeg-turbo, PNG, WebP and filter code, and libvips, which the first
 * large reduction loads), so that the snapshot holds loaded classes and libraries, initialised codecs and compiled
 * code rather than a cold JVM. The images are made here, in memory:
 * priming reads nothing from S3, so no credentials or connections are taken into the snapshot, and it leaves no
 * files, random state or request data behind.
 */
final class Priming implements Resource {

    private static final System.Logger LOG = System.getLogger(Priming.class.getName());

    /** Requests like the ones a site sends, over the images below. */
    static final List<String> REQUESTS = List.of(
            "/unsafe/500x500/prime.jpg",
            "/prime.jpg?width=320&format=webp",
            "/unsafe/300x200/smart/filters:quality(70)/prime.jpg",
            "/unsafe/fit-in/400x400/filters:grayscale():blur(2)/prime.png",
            "/prime.png?width=200&format=jpeg",
            "/prime.webp?width=160");

    /** Registered resources are held weakly by CRaC: this keeps the one of this environment alive. */
    private static Priming registered;

    private final ImageEngine engine;

    /** Cheap: a cold start without SnapStart registers this too, and must not pay for the priming itself. */
    Priming(ImageEngine engine) {
        this.engine = engine;
    }

    /** The priming images, in memory, and a service that reads them; made only when a snapshot is taken. */
    private ImageService service() {
        Map<String, byte[]> images = new HashMap<>();
        BufferedImage photo = photo();
        images.put("prime.jpg", encode(photo, "jpeg"));
        images.put("prime.png", encode(photo.getSubimage(0, 0, 800, 600), "png"));
        ImageService service = new ImageService(Config.fromEnvironment(Map.of()), (bucket, key, maxBytes) -> {
            byte[] bytes = images.get(key);
            if (bytes == null) {
                throw ImageException.notFound("no priming image " + key);
            }
            return new StoredObject(bytes, Optional.of("\"" + key + "\""), Optional.empty());
        }, engine);
        // A WebP source, made by the engine itself (ImageIO cannot write one).
        images.put("prime.webp", service.handle(HttpRequest.get("/prime.jpg", "width=640&format=webp")).body());
        return service;
    }

    /** Registers priming for this execution environment (a no-op where the JVM has no checkpoints). */
    static synchronized void register(ImageEngine engine) {
        if (registered == null) {
            registered = new Priming(engine);
            Core.getGlobalContext().register(registered);
        }
    }

    /** @return how many of the priming requests were answered 200 */
    int prime() {
        return new Trace("snapstart-priming").run(() -> {
            ImageService service = service();
            int answered = 0;
            for (String url : REQUESTS) {
                int q = url.indexOf('?');
                HttpResponse response = service.handle(HttpRequest.get(q < 0 ? url : url.substring(0, q),
                        q < 0 ? "" : url.substring(q + 1)));
                if (response.status() == 200) {
                    answered++;
                } else {
                    LOG.log(System.Logger.Level.WARNING, "priming request " + url + " answered " + response.status());
                }
            }
            return answered;
        });
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        int answered = prime();
        LOG.log(System.Logger.Level.INFO, "primed before the snapshot: " + answered + " of " + REQUESTS.size()
                + " requests in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: priming kept no connection, credential, file or random state.
    }

    /** A photo-like image: gradients and shapes, so that every codec has detail to work on. */
    private static BufferedImage photo() {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), 1600, 1200, new Color(230, 200, 120)));
            g.fillRect(0, 0, 1600, 1200);
            for (int i = 0; i < 40; i++) {
                g.setColor(new Color((i * 53) % 256, (i * 97) % 256, (i * 31) % 256));
                g.fillOval((i * 137) % 1500, (i * 211) % 1100, 60 + i * 3, 40 + i * 2);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
