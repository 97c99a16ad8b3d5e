package dev.pictor.rekognition;

import dev.pictor.engine.Detector;
import dev.pictor.error.ImageException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ModerationLabel;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/** Amazon Rekognition's DetectFaces and DetectModerationLabels, as the Serverless Image Handler calls them. */
public final class RekognitionDetector implements Detector {

    private static final System.Logger LOG = System.getLogger(RekognitionDetector.class.getName());

    private final java.util.function.Supplier<RekognitionClient> clients;
    private volatile RekognitionClient client;

    /** @param clients makes the client, on the first call: building one costs a cold start that most requests skip */
    public RekognitionDetector(java.util.function.Supplier<RekognitionClient> clients) {
        this.clients = clients;
    }

    private RekognitionClient client() {
        RekognitionClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = clients.get();
                }
                made = client;
            }
        }
        return made;
    }

    @Override
    public List<Box> faces(byte[] jpeg) {
        List<FaceDetail> faces = call("DetectFaces", () -> client().detectFaces(r -> r.image(image(jpeg)))
                .faceDetails());
        List<Box> boxes = new ArrayList<>(faces.size());
        for (FaceDetail face : faces) {
            BoundingBox box = face.boundingBox();
            if (box != null) {
                boxes.add(new Box(value(box.left()), value(box.top()), value(box.width()), value(box.height())));
            }
        }
        return boxes;
    }

    @Override
    public List<String> moderationLabels(byte[] jpeg, double minConfidence) {
        List<ModerationLabel> labels = call("DetectModerationLabels", () -> client().detectModerationLabels(r -> r
                .image(image(jpeg)).minConfidence((float) minConfidence)).moderationLabels());
        List<String> names = new ArrayList<>();
        for (ModerationLabel label : labels) {
            // Names only, as SIH compares them: Rekognition lists a top-level label as a label of its own.
            if (label.name() != null) {
                names.add(label.name());
            }
        }
        return names;
    }

    private static Image image(byte[] jpeg) {
        return Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build();
    }

    private static double value(Float f) {
        return f == null ? 0 : f;
    }

    /** A failed call answers 503 when Rekognition is throttling or down, 502 otherwise; its text goes to the log. */
    private static <T> T call(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RekognitionException e) {
            LOG.log(System.Logger.Level.WARNING, "Rekognition " + operation + " failed: " + e.getMessage());
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw ImageException.unavailable("RekognitionUnavailable", "Amazon Rekognition is busy or"
                        + " unavailable; retry", e);
            }
            throw new ImageException(ImageException.Kind.BAD_GATEWAY, "RekognitionFailed",
                    "Amazon Rekognition could not read this image (" + e.awsErrorDetails().errorCode() + ")", e);
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "Rekognition " + operation + " failed: " + e.getMessage());
            throw ImageException.unavailable("RekognitionUnavailable", "Amazon Rekognition could not be reached;"
                    + " retry", e);
        }
    }
}
