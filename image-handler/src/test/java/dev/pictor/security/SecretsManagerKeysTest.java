package dev.pictor.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pictor.config.Config;
import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.error.ImageException;
import dev.pictor.http.HttpRequest;
import dev.pictor.http.ImageService;
import dev.pictor.wiring.Services;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.RequestParser;
import dev.pictor.signer.ThumborSigner;
import dev.pictor.source.LocalFolderStore;
import dev.pictor.testing.TestImages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing keys from AWS Secrets Manager, which has no local engine: WireMock speaks its JSON protocol. */
class SecretsManagerKeysTest {

    WireMockServer wireMock;
    Config config;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        config = Config.fromEnvironment(Map.of("SECRETS_MANAGER", "pictor/signing", "SECRET_KEY", "signatureKey",
                "SECRETS_MANAGER_ENDPOINT", "http://127.0.0.1:" + wireMock.port()));
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    /** The secret as GetSecretValue returns it: SecretString is itself JSON. */
    void secretHolds(String keys) {
        wireMock.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:pictor/signing-Ab12Cd\","
                                + "\"Name\":\"pictor/signing\",\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE\","
                                + "\"SecretString\":\"{\\\"signatureKey\\\":\\\"" + keys + "\\\"}\","
                                + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.795774530E9}")));
    }

    @Test
    void signedUrlsAreVerifiedWithTheSecretsKeysFetchedOnce() {
        secretHolds("first-key, second-key");
        ImageService service = new ImageService(config, new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine(), Optional.empty(), Long.MAX_VALUE, Services.keys(config));
        for (String key : List.of("first-key", "second-key", "first-key")) {
            String url = ThumborSigner.sign(key, "/40x40/bird.jpg");
            assertEquals(200, service.handle(HttpRequest.get(url, "")).status(), key);
        }
        assertEquals(403, service.handle(HttpRequest.get(ThumborSigner.sign("guess", "/40x40/bird.jpg"), ""))
                .status());
        assertEquals(403, service.handle(HttpRequest.get("/unsafe/40x40/bird.jpg", "")).status());
        wireMock.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("\"SecretId\":\"pictor/signing\"")));
    }

    @Test
    void rotatedKeysAreFetchedAgainWhenASignatureFailsAtMostOnceAMinute() {
        MutableClock clock = new MutableClock();
        secretHolds("old-key");
        SecretsManagerKeys keys = new SecretsManagerKeys(secretsClient(), "pictor/signing", "signatureKey", clock);
        SignaturePolicy policy = new SignaturePolicy(keys, true, false, clock);
        assertEquals(Optional.empty(), policy.check(request("old-key")));
        secretHolds("new-key");
        // Within a minute of the last fetch a failure does not fetch again.
        assertThrows(ImageException.class, () -> policy.check(request("new-key")));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), policy.check(request("new-key")));
        wireMock.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anUnreachableSecretIsA503NotA500() {
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\","
                        + "\"Message\":\"Secrets Manager can't find the specified secret.\"}")));
        ImageService service = new ImageService(config, new LocalFolderStore(TestImages.samplesRoot()),
                new Java2dEngine(), Optional.empty(), Long.MAX_VALUE, Services.keys(config));
        assertEquals(503, service.handle(HttpRequest.get(ThumborSigner.sign("k", "/40x40/bird.jpg"), "")).status());
    }

    private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsClient() {
        return software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + wireMock.port())).build();
    }

    private ImageRequest request(String key) {
        return dev.pictor.testing.Parsers.of(config).parse(ThumborSigner.sign(key, "/40x40/bird.jpg"), "");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
