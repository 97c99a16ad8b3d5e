package dev.pictor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.pictor.error.ImageException;
import dev.pictor.wiring.Services;
import dev.pictor.variants.UploadProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-generation function: S3 {@code ObjectCreated} events for {@code uploads/} in a source bucket, each original
 * made into its variants by {@link UploadProcessor}. Keys arrive URL-encoded ({@code +} for a space) and are decoded
 * here. When storage failed in a way that may pass, the invocation fails after every record had its turn, so that
 * Lambda delivers the event again; records already done are then skipped.
 */
public final class VariantsHandler implements RequestHandler<S3Event, String> {

    private static final Functions.Shared<UploadProcessor> SHARED = new Functions.Shared<>(
            () -> Services.uploadProcessor(Functions.parts()));

    private final UploadProcessor processor;

    /** Used by the Lambda runtime: built during the init phase, once per execution environment. */
    public VariantsHandler() {
        this(SHARED.get());
    }

    public VariantsHandler(UploadProcessor processor) {
        this.processor = processor;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        return Functions.trace(context).run(() -> handle(event));
    }

    private String handle(S3Event event) {
        List<String> outcomes = new ArrayList<>();
        ImageException retry = null;
        // A test event from the console, or one of another shape, has no records: nothing to do.
        List<S3EventNotification.S3EventNotificationRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        for (S3EventNotification.S3EventNotificationRecord record : records) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                continue;
            }
            String bucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            try {
                outcomes.add(describe(processor.process(bucket, key)));
            } catch (ImageException e) {
                if (e.status() < 500) {
                    // The event's fault, not the moment's: a retry would meet the same answer.
                    outcomes.add("skipped " + key + ": " + e.getMessage());
                    continue;
                }
                outcomes.add("retry " + key);
                retry = e;
            }
        }
        if (retry != null) {
            throw new IllegalStateException("storage failed for now; Lambda will deliver the event again: "
                    + String.join("; ", outcomes), retry);
        }
        return String.join("\n", outcomes);
    }

    private static String describe(UploadProcessor.Outcome outcome) {
        return switch (outcome) {
            case UploadProcessor.Outcome.Done done -> "done " + done.key() + " (" + done.record().variants().size()
                    + " variants)";
            case UploadProcessor.Outcome.Skipped skipped -> "skipped " + skipped.key() + ": " + skipped.reason();
            case UploadProcessor.Outcome.Failed failed -> "failed " + failed.key() + ": " + failed.reason();
        };
    }
}
