package dev.pictor.local;

import dev.pictor.source.LocalFolderStore;
import dev.pictor.variants.UploadProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stand-in for the S3 notification: watches {@code <images>/<bucket>/uploads/} (and the folders under it)
 * and hands every file written there to the same {@link UploadProcessor} the Lambda function runs. A file is taken
 * once it has been quiet for a moment, so that one still being copied in is not read half-written.
 */
public final class UploadWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(UploadWatcher.class.getName());
    private static final long QUIET_MILLIS = 150;

    private final WatchService watch;
    private final Path uploads;
    private final Path bucketDir;
    private final String bucket;
    private final UploadProcessor processor;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pictor-upload-timer").factory());
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Thread loop;

    public UploadWatcher(LocalFolderStore store, String bucket, UploadProcessor processor) {
        this.bucket = bucket;
        this.processor = processor;
        this.bucketDir = store.root().resolve(bucket);
        this.uploads = bucketDir.resolve(UploadProcessor.UPLOADS);
        try {
            Files.createDirectories(uploads);
            this.watch = FileSystems.getDefault().newWatchService();
            register(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + uploads, e);
        }
        this.loop = Thread.ofPlatform().daemon().name("pictor-upload-watcher").start(this::run);
    }

    /** The folder watched. */
    public Path folder() {
        return uploads;
    }

    /**
     * Watches a folder, then looks at what it already holds: registered first, a folder made or a file written while
     * it is being listed is seen either way (once by its event, once by the listing; the second is harmless).
     */
    private void register(Path folder) throws IOException {
        folders.put(folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY), folder);
        List<Path> children;
        try (Stream<Path> listing = Files.list(folder)) {
            children = listing.toList();
        }
        for (Path child : children) {
            if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                register(child);
            } else if (Files.isRegularFile(child)) {
                schedule(child);
            }
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = folders.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    continue;
                }
                Path path = dir.resolve((Path) event.context());
                if (Files.isDirectory(path)) {
                    try {
                        register(path);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot watch " + path + ": " + e.getMessage());
                    }
                } else {
                    schedule(path);
                }
            }
            if (!key.reset()) {
                folders.remove(key);
            }
        }
    }

    /** Processes a file once no event has touched it for a moment. */
    private void schedule(Path file) {
        if (file.getFileName().toString().startsWith(LocalFolderStore.PARTIAL_PREFIX)) {
            return;
        }
        pending.compute(file, (path, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return timer.schedule(() -> Thread.ofVirtual().start(() -> process(path)), QUIET_MILLIS,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void process(Path file) {
        pending.remove(file);
        if (!Files.isRegularFile(file)) {
            return;
        }
        String key = bucketDir.relativize(file).toString().replace('\\', '/');
        try {
            UploadProcessor.Outcome outcome = processor.process(bucket, key);
            if (outcome instanceof UploadProcessor.Outcome.Failed failed) {
                LOG.log(System.Logger.Level.WARNING, key + ": " + failed.reason());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "variants of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the watch service: " + e.getMessage());
        }
        loop.interrupt();
        timer.shutdownNow();
    }
}
