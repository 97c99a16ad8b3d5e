package dev.pictor.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pictor.config.Config;
import dev.pictor.wiring.Services;
import dev.pictor.testing.Dynalite;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One contract, two stores: DynamoDB (dynalite on 127.0.0.1) and the local server's files. */
class MetadataStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static Dynalite dynamo;
    static int tables;

    @BeforeAll
    static void start() throws Exception {
        dynamo = Dynalite.start();
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
    }

    static Stream<String> stores() {
        return Stream.of("dynamodb", "files");
    }

    static MetadataStore store(String kind) throws Exception {
        if (kind.equals("files")) {
            return new FileMetadataStore(Files.createTempDirectory("pictor-metadata-"));
        }
        Config config = Config.fromEnvironment(Map.of("DYNAMODB_ENDPOINT", dynamo.endpoint()));
        DynamoMetadataStore store = new DynamoMetadataStore(Services.dynamoDb(config), "images-" + (++tables));
        store.createTable();
        return store;
    }

    static ImageRecord done(String key) {
        return ImageRecord.processing("photos", key, 1234, Optional.of("\"etag-1\""), T0)
                .done(640, 480, "jpg", Optional.of("2021-06-15T14:30:05"), List.of(
                        new ImageRecord.VariantRecord("thumb", "processed/a-thumb.jpg", 100, 100, 2000, "jpg")),
                        T0.plusSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void storesAndReadsRecordsWhole(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord record = done("uploads/a.jpg");
        store.storeImageMetadata(record);
        assertEquals(Optional.of(record), store.getImageMetadata(record.id()));
        assertEquals(Optional.empty(), store.getImageMetadata(ImageIds.of("photos", "uploads/none.jpg")));
        assertEquals(Optional.empty(), store.getImageMetadata("../../etc/passwd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aFailureReplacesWhatWasThereAndKeepsItsReason(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord record = done("uploads/b.jpg");
        store.storeImageMetadata(record);
        Optional<ImageRecord> failed = store.updateImageMetadata(record.id(),
                r -> r.failed("the source is not an image", T0.plusSeconds(5)));
        assertEquals(failed, store.getImageMetadata(record.id()));
        assertEquals(ImageRecord.Status.FAILED, failed.orElseThrow().status());
        assertEquals(Optional.of("the source is not an image"), failed.orElseThrow().failure());
        assertEquals(List.of(), failed.orElseThrow().variants());
        assertEquals(Optional.empty(), store.updateImageMetadata(ImageIds.of("photos", "x"), r -> r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void accessCountsAddUpAndSurviveARecordWrittenAgain(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord record = done("uploads/c.jpg");
        store.storeImageMetadata(record);
        String unknown = ImageIds.of("photos", "uploads/never-uploaded.jpg");
        store.updateAccessStats(Map.of(record.id(), 3L, unknown, 2L), T0.plusSeconds(10));
        store.updateAccessStats(Map.of(record.id(), 4L), T0.plusSeconds(20));
        ImageRecord counted = store.getImageMetadata(record.id()).orElseThrow();
        assertEquals(7, counted.accessCount());
        assertEquals(Optional.of(T0.plusSeconds(20)), counted.lastAccess());
        assertEquals(Optional.empty(), store.getImageMetadata(unknown), "no record made for an unknown id");
        store.storeImageMetadata(record.restarted(999, Optional.of("\"etag-2\""), T0.plusSeconds(30)));
        assertEquals(7, store.getImageMetadata(record.id()).orElseThrow().accessCount());
    }

    /** Served images are counted off the response path, in batches. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void accessStatsBatchTheirWrites(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord record = done("uploads/d.jpg");
        store.storeImageMetadata(record);
        try (AccessStats stats = new AccessStats(store, "uploads/", 100, Duration.ofHours(1),
                Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))) {
            for (int i = 0; i < 5; i++) {
                stats.served("photos", "uploads/d.jpg");
            }
            stats.served("photos", "elsewhere/e.jpg");
            stats.flush();
        }
        ImageRecord counted = store.getImageMetadata(record.id()).orElseThrow();
        assertEquals(5, counted.accessCount());
        assertEquals(Optional.of(T0.plusSeconds(60)), counted.lastAccess());
    }

    /** Overloaded, the queue drops accesses instead of making a response wait. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aFullQueueDropsAccessesInsteadOfBlocking(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord record = done("uploads/f.jpg");
        store.storeImageMetadata(record);
        try (AccessStats stats = new AccessStats(store, "uploads/", 10, Duration.ofHours(1), Clock.systemUTC())) {
            for (int i = 0; i < 1000; i++) {
                stats.served("photos", "uploads/f.jpg");
            }
            assertEquals(990, stats.dropped());
            stats.flush();
        }
        assertEquals(10, store.getImageMetadata(record.id()).orElseThrow().accessCount());
    }

    /** Of two processes about to make one upload's variants, one claim succeeds; a stale or finished one is taken over. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void oneClaimOnAnUploadSucceeds(String kind) throws Exception {
        MetadataStore store = store(kind);
        ImageRecord claim = ImageRecord.processing("photos", "uploads/g.jpg", 10, Optional.of("\"v1\""), T0);
        assertEquals(true, store.claimProcessing(claim, T0.minusSeconds(150)));
        assertEquals(false, store.claimProcessing(claim, T0.minusSeconds(150)), "held by the first");
        assertEquals(true, store.claimProcessing(claim.restarted(11, Optional.of("\"v2\""), T0),
                T0.minusSeconds(150)), "another version of the upload");
        assertEquals(true, store.claimProcessing(claim.restarted(11, Optional.of("\"v2\""), T0.plusSeconds(200)),
                T0.plusSeconds(50)), "a claim nobody finished is stale");
        ImageRecord done = claim.done(1, 1, "jpg", Optional.empty(), List.of(), T0.plusSeconds(300));
        store.storeImageMetadata(done);
        assertEquals(true, store.claimProcessing(claim, T0.minusSeconds(150)), "a finished one may be made again");
    }
}
