package dev.pictor.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pictor.error.ImageException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Signing keys kept in AWS Secrets Manager, as the Serverless Image Handler keeps them: the secret is a JSON object
 * and the field {@code field} holds the key (here: a comma list, for rotation). Fetched once and cached; fetched
 * again when a signature fails to verify (the keys may have rotated), at most once a minute.
 */
public final class SecretsManagerKeys implements SigningKeys {

    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final JsonFactory JSON = new JsonFactory();

    private final SecretsManagerClient client;
    private final String secretId;
    private final String field;
    private final Clock clock;
    private volatile List<String> keys;
    private volatile Instant fetched = Instant.MIN;

    public SecretsManagerKeys(SecretsManagerClient client, String secretId, String field, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.field = field;
        this.clock = clock;
    }

    @Override
    public List<String> current() {
        List<String> known = keys;
        if (known == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = fetch();
                }
                known = keys;
            }
        }
        return known;
    }

    @Override
    public synchronized boolean refresh() {
        if (Duration.between(fetched, clock.instant()).compareTo(MIN_REFRESH_INTERVAL) < 0) {
            return false;
        }
        List<String> fresh = fetch();
        boolean changed = !fresh.equals(keys);
        keys = fresh;
        return changed;
    }

    private List<String> fetch() {
        fetched = clock.instant();
        String secret;
        try {
            secret = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new ImageException(ImageException.Kind.UNAVAILABLE, "SigningKeysUnavailable",
                    "the signing keys could not be loaded; try again shortly", e);
        }
        try (JsonParser json = JSON.createParser(secret)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ImageException.internal("secret " + secretId + " is not a JSON object", null);
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                if (name.equals(field)) {
                    List<String> found = Arrays.stream(json.getValueAsString("").split(","))
                            .map(String::trim).filter(k -> !k.isEmpty()).toList();
                    if (found.isEmpty()) {
                        break;
                    }
                    return found;
                }
                json.skipChildren();
            }
        } catch (IOException e) {
            throw ImageException.internal("secret " + secretId + " is not valid JSON", e);
        }
        throw ImageException.internal("secret " + secretId + " has no field " + field, null);
    }
}
