package dev.pictor.local;

import dev.pictor.source.ImageStore;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.variants.UploadProcessor;
import java.io.PrintStream;
import java.util.List;

/** {@code ./serve --pregenerate}: the variants of every original already under uploads/, once, with a progress bar. */
final class Pregenerate {

    private static final int BAR = 30;

    private Pregenerate() {
    }

    /** @return the process's exit status: 0 when nothing failed */
    static int run(ImageStore store, String bucket, UploadProcessor uploads, PrintStream out) {
        // Where to look, said as the user will look: a folder's path, or the bucket and prefix.
        String folder = store instanceof LocalFolderStore local
                ? local.root().resolve(bucket).resolve(UploadProcessor.UPLOADS).toString() : bucket + "/" + UploadProcessor.UPLOADS;
        List<String> keys = store.list(bucket, UploadProcessor.UPLOADS);
        int done = 0;
        int skipped = 0;
        int failed = 0;
        int failedBefore = 0;
        int later = 0;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            try {
                switch (uploads.process(bucket, key)) {
                    case UploadProcessor.Outcome.Done d -> done++;
                    case UploadProcessor.Outcome.Skipped s when s.failedBefore().isPresent() -> {
                        failedBefore++;
                        out.printf("%n  %s: failed before: %s%n", key, s.failedBefore().get());
                    }
                    case UploadProcessor.Outcome.Skipped s -> skipped++;
                    case UploadProcessor.Outcome.Failed f -> {
                        failed++;
                        out.printf("%n  %s: %s%n", key, f.reason());
                    }
                }
            } catch (RuntimeException e) {
                later++;
                out.printf("%n  %s: failed for now, run again: %s%n", key, e.getMessage());
            }
            int filled = (i + 1) * BAR / keys.size();
            out.printf("\r[%s%s] %d/%d %s", "#".repeat(filled), " ".repeat(BAR - filled), i + 1, keys.size(),
                    shorten(key));
        }
        out.printf("%n%d made, %d already done or skipped, %d failed (%d of them before), %d to try again, of %d uploads"
                + " in %s%n", done, skipped, failed + failedBefore, failedBefore, later, keys.size(), folder);
        return failed + failedBefore + later == 0 ? 0 : 1;
    }

    private static String shorten(String key) {
        String name = key.substring(UploadProcessor.UPLOADS.length());
        return (name.length() > 40 ? "..." + name.substring(name.length() - 37) : name) + " ".repeat(3);
    }
}
