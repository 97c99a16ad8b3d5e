package dev.pictor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.error.ImageException;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.HttpResponse;
import dev.pictor.http.ImageService;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.CountingEngine;
import dev.pictor.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void leasesComeBack() {
        PixelBudget budget = new PixelBudget(10_000, 100);
        try (PixelBudget.Lease lease = budget.acquire(10_000)) {
            ImageException busy = assertThrows(ImageException.class, () -> budget.acquire(1));
            assertEquals(503, busy.status());
        }
        budget.acquire(10_000).close();
    }

    /** It could never run without exhausting the heap: it is refused at once rather than let through alone. */
    @Test
    void aRequestLargerThanTheWholeBudgetIsRefused() {
        PixelBudget budget = new PixelBudget(10_000, 100);
        ImageException refused = assertThrows(ImageException.class, () -> budget.acquire(1_000_000_000));
        assertEquals(413, refused.status());
        assertEquals("TooLargeForMemory", refused.code());
        budget.acquire(10_000).close();
    }

    @Test
    void aWaitingRequestProceedsWhenPixelsAreReturned() throws Exception {
        PixelBudget budget = new PixelBudget(10_000, 5_000);
        PixelBudget.Lease first = budget.acquire(8_000);
        CountDownLatch started = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> second = pool.submit(() -> {
                started.countDown();
                try (PixelBudget.Lease lease = budget.acquire(8_000)) {
                    return true;
                }
            });
            started.await();
            Thread.sleep(100);
            assertTrue(!second.isDone(), "second request waits while the first holds the pixels");
            first.close();
            assertTrue(second.get());
        }
    }

    /** Four large requests at once with room for one: they queue, all succeed, and only one renders at a time. */
    @Test
    void concurrentLargeRequestsQueueInsteadOfFailing() throws Exception {
        CountingEngine counting = new CountingEngine(new Java2dEngine());
        // bird.jpg is 1280x720: one request holds its 0.92 MP plus the output, so 1.5 MP admits one at a time.
        ImageService service = new ImageService(Config.fromEnvironment(Map.of("PIXEL_BUDGET", "1500000")),
                new LocalFolderStore(TestImages.samplesRoot()), counting);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<HttpResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int width = 200 + i;
                responses.add(pool.submit(() -> service.handle(HttpRequest.get("/bird.jpg", "width=" + width))));
            }
            for (Future<HttpResponse> response : responses) {
                assertEquals(200, response.get().status());
            }
        }
        assertEquals(1, counting.mostAtOnce());
    }
}
