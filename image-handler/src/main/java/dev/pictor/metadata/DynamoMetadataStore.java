package dev.pictor.metadata;

import dev.pictor.error.ImageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Image metadata in DynamoDB (METADATA_TABLE), through the SDK's enhanced client: one item per image, keyed by its
 * {@code id} (a string partition key). Records are written whole except the access statistics, which only an
 * atomic {@code ADD} changes, so that a record written again never loses a count taken meanwhile.
 */
public final class DynamoMetadataStore implements MetadataStore {

    /** The table's one key attribute, as the CDK stack creates it. */
    public static final String PARTITION_KEY = "id";

    private static final TableSchema<ImageRecord.VariantRecord> VARIANT = StaticImmutableTableSchema
            .builder(ImageRecord.VariantRecord.class, VariantBuilder.class)
            .newItemBuilder(VariantBuilder::new, VariantBuilder::build)
            .addAttribute(String.class, a -> a.name("suffix").getter(ImageRecord.VariantRecord::suffix)
                    .setter((b, v) -> b.suffix = v))
            .addAttribute(String.class, a -> a.name("key").getter(ImageRecord.VariantRecord::key)
                    .setter((b, v) -> b.key = v))
            .addAttribute(Integer.class, a -> a.name("width").getter(ImageRecord.VariantRecord::width)
                    .setter((b, v) -> b.width = v))
            .addAttribute(Integer.class, a -> a.name("height").getter(ImageRecord.VariantRecord::height)
                    .setter((b, v) -> b.height = v))
            .addAttribute(Long.class, a -> a.name("bytes").getter(ImageRecord.VariantRecord::bytes)
                    .setter((b, v) -> b.bytes = v))
            .addAttribute(String.class, a -> a.name("format").getter(ImageRecord.VariantRecord::format)
                    .setter((b, v) -> b.format = v))
            .build();

    /** Everything but the access statistics: what a write sets (and removes, where a value is now absent). */
    private static final TableSchema<ImageRecord> WRITTEN = schema(false);
    /** Everything, for reading. */
    private static final TableSchema<ImageRecord> READ = schema(true);

    private final DynamoDbClient client;
    private final DynamoDbTable<ImageRecord> written;
    private final DynamoDbTable<ImageRecord> read;
    private final String tableName;

    public DynamoMetadataStore(DynamoDbClient client, String tableName) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.client = client;
        this.tableName = tableName;
        this.written = enhanced.table(tableName, WRITTEN);
        this.read = enhanced.table(tableName, READ);
    }

    /** Creates the table as the CDK stack does (on-demand billing); for tests and a local DynamoDB-compatible engine. */
    public void createTable() {
        try {
            client.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName(PARTITION_KEY).keyType(KeyType.HASH))
                    .attributeDefinitions(d -> d.attributeName(PARTITION_KEY).attributeType(ScalarAttributeType.S)));
            client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public void storeImageMetadata(ImageRecord record) {
        try {
            written.updateItem(b -> b.item(record).ignoreNulls(false));
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    /** One conditional write: the condition is checked where the item is, so two processes cannot both pass it. */
    @Override
    public boolean claimProcessing(ImageRecord record, Instant staleBefore) {
        Expression free = Expression.builder()
                .expression("attribute_not_exists(#id) OR attribute_not_exists(#etag) OR #etag <> :etag"
                        + " OR #status <> :processing OR #updated < :stale")
                .expressionNames(Map.of("#id", PARTITION_KEY, "#etag", "sourceEtag", "#status", "status",
                        "#updated", "updated"))
                .expressionValues(Map.of(":etag", AttributeValue.fromS(record.sourceEtag().orElse("")),
                        ":processing", AttributeValue.fromS(ImageRecord.Status.PROCESSING.label()),
                        ":stale", AttributeValue.fromS(staleBefore.toString())))
                .build();
        try {
            written.updateItem(b -> b.item(record).ignoreNulls(false).conditionExpression(free));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<ImageRecord> getImageMetadata(String id) {
        if (!ImageIds.isWellFormed(id)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read.getItem(Key.builder().partitionValue(id).build()));
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public void updateAccessStats(Map<String, Long> counts, Instant lastAccess) {
        counts.forEach((id, count) -> {
            try {
                client.updateItem(b -> b.tableName(tableName)
                        .key(Map.of(PARTITION_KEY, AttributeValue.fromS(id)))
                        .updateExpression("ADD accessCount :n SET lastAccess = :t")
                        .conditionExpression("attribute_exists(" + PARTITION_KEY + ")")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(count)),
                                ":t", AttributeValue.fromS(lastAccess.toString()))));
            } catch (ConditionalCheckFailedException e) {
                // an image without a record (not an upload): nothing to count
            } catch (SdkException e) {
                throw failed(e);
            }
        });
    }

    private static ImageException failed(SdkException e) {
        return ImageException.unavailable("MetadataUnavailable", "image metadata is unavailable for now", e);
    }

    private static TableSchema<ImageRecord> schema(boolean withAccessStats) {
        var builder = StaticImmutableTableSchema.builder(ImageRecord.class, RecordBuilder.class)
                .newItemBuilder(RecordBuilder::new, RecordBuilder::build)
                .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(ImageRecord::id)
                        .setter((b, v) -> b.id = v).tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("bucket").getter(ImageRecord::bucket)
                        .setter((b, v) -> b.bucket = v))
                .addAttribute(String.class, a -> a.name("key").getter(ImageRecord::key).setter((b, v) -> b.key = v))
                .addAttribute(Integer.class, a -> a.name("width").getter(r -> r.width() > 0 ? r.width() : null)
                        .setter((b, v) -> b.width = v == null ? 0 : v))
                .addAttribute(Integer.class, a -> a.name("height").getter(r -> r.height() > 0 ? r.height() : null)
                        .setter((b, v) -> b.height = v == null ? 0 : v))
                .addAttribute(String.class, a -> a.name("format").getter(r -> r.format().orElse(null))
                        .setter((b, v) -> b.format = v))
                .addAttribute(Long.class, a -> a.name("bytes").getter(ImageRecord::bytes)
                        .setter((b, v) -> b.bytes = v == null ? 0 : v))
                .addAttribute(String.class, a -> a.name("captureDate").getter(r -> r.captureDate().orElse(null))
                        .setter((b, v) -> b.captureDate = v))
                .addAttribute(String.class, a -> a.name("status").getter(r -> r.status().label())
                        .setter((b, v) -> b.status = v))
                .addAttribute(String.class, a -> a.name("failure").getter(r -> r.failure().orElse(null))
                        .setter((b, v) -> b.failure = v))
                .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(ImageRecord.VariantRecord.class, VARIANT)),
                        a -> a.name("variants").getter(ImageRecord::variants).setter((b, v) -> b.variants = v))
                .addAttribute(Instant.class, a -> a.name("created").getter(ImageRecord::created)
                        .setter((b, v) -> b.created = v))
                .addAttribute(Instant.class, a -> a.name("updated").getter(ImageRecord::updated)
                        .setter((b, v) -> b.updated = v))
                .addAttribute(String.class, a -> a.name("sourceEtag").getter(r -> r.sourceEtag().orElse(null))
                        .setter((b, v) -> b.sourceEtag = v));
        if (withAccessStats) {
            builder.addAttribute(Long.class, a -> a.name("accessCount").getter(ImageRecord::accessCount)
                            .setter((b, v) -> b.accessCount = v == null ? 0 : v))
                    .addAttribute(Instant.class, a -> a.name("lastAccess").getter(r -> r.lastAccess().orElse(null))
                            .setter((b, v) -> b.lastAccess = v));
        }
        return builder.build();
    }

    /** The enhanced client fills an item field by field; these hold the fields until the record can be made. */
    private static final class RecordBuilder {
        String id;
        String bucket;
        String key;
        int width;
        int height;
        String format;
        long bytes;
        String captureDate;
        String status;
        String failure;
        List<ImageRecord.VariantRecord> variants;
        Instant created;
        Instant updated;
        long accessCount;
        Instant lastAccess;
        String sourceEtag;

        ImageRecord build() {
            return new ImageRecord(id, bucket, key, width, height, Optional.ofNullable(format), bytes,
                    Optional.ofNullable(captureDate), ImageRecord.Status.of(status), Optional.ofNullable(failure),
                    variants == null ? List.of() : new ArrayList<>(variants), created, updated, accessCount,
                    Optional.ofNullable(lastAccess), Optional.ofNullable(sourceEtag));
        }
    }

    private static final class VariantBuilder {
        String suffix;
        String key;
        Integer width;
        Integer height;
        Long bytes;
        String format;

        ImageRecord.VariantRecord build() {
            return new ImageRecord.VariantRecord(suffix, key, width, height, bytes, format);
        }
    }
}
