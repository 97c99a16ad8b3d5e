package dev.pictor.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack synthesised for every combination of its options, each checked by cdk-nag's AwsSolutions rules (every
 * accepted finding carries its reason in {@link Suppressions}) and by targeted assertions on the template.
 */
class PictorStackTest {

    static Path zip;

    @BeforeAll
    static void packageStandIn() throws Exception {
        // The template does not depend on the package's bytes; lambda-zip's own test checks those.
        zip = Files.createTempFile("pictor-lambda-", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("lib/pictor.jar"));
            out.write(new byte[] {1});
            out.closeEntry();
        }
    }

    static PictorStack stack(Map<String, String> options) {
        App app = new App();
        PictorStack stack = new PictorStack(app, "Pictor", StackProps.builder().build(),
                StackOptions.from(Map.of(), options), zip);
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }

    static Map<String, String> on(String... keys) {
        Map<String, String> options = new HashMap<>();
        for (String key : keys) {
            options.put(key, "true");
        }
        return options;
    }

    static List<String> nagErrors(PictorStack stack) {
        return Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    /** Architecture, API (without, with and without a key), CORS, metadata, signing, auto-format: 96 stacks. */
    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String arch : List.of("x86_64", "arm64")) {
            for (String api : List.of("off", "open", "keyed")) {
                for (int bits = 0; bits < 16; bits++) {
                    Map<String, String> options = new HashMap<>();
                    options.put("ARCHITECTURE", arch);
                    options.put("API_ENABLED", Boolean.toString(!api.equals("off")));
                    options.put("API_KEY", Boolean.toString(api.equals("keyed")));
                    options.put("CORS_ENABLED", Boolean.toString((bits & 1) != 0));
                    options.put("METADATA_ENABLED", Boolean.toString((bits & 2) != 0));
                    options.put("SIGNING_ENABLED", Boolean.toString((bits & 4) != 0));
                    options.put("AUTO_FORMAT", Boolean.toString((bits & 8) != 0));
                    // Paired with another bit rather than doubling the combinations: its findings are its own.
                    options.put("REKOGNITION_ENABLED", Boolean.toString((bits & 4) != 0));
                    all.add(Arguments.of(new java.util.TreeMap<>(options).toString(), options));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void everyCombinationSynthesisesWithNoUnexplainedFinding(String name, Map<String, String> options) {
        PictorStack stack = stack(options);
        Template template = Template.fromStack(stack);
        assertEquals(List.of(), nagErrors(stack));
        boolean api = options.get("API_ENABLED").equals("true");
        boolean key = api && options.get("API_KEY").equals("true");
        boolean metadata = options.get("METADATA_ENABLED").equals("true");
        boolean signing = options.get("SIGNING_ENABLED").equals("true");
        boolean autoFormat = options.get("AUTO_FORMAT").equals("true");
        String arch = options.get("ARCHITECTURE");

        template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25", "Architectures", List.of(arch),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))), api ? 3 : 2);
        template.resourceCountIs("AWS::ApiGateway::RestApi", api ? 1 : 0);
        template.resourceCountIs("AWS::ApiGateway::ApiKey", key ? 1 : 0);
        template.resourceCountIs("AWS::DynamoDB::Table", metadata ? 1 : 0);
        template.resourceCountIs("AWS::SecretsManager::Secret", signing ? 1 : 0);
        template.resourceCountIs("AWS::CloudFront::Function", autoFormat ? 1 : 0);
        template.resourceCountIs("AWS::CloudFront::Distribution", 1);
        template.hasOutput("SourceBucketOutput", Match.anyValue());
        template.hasOutput("ProcessedBucketOutput", Match.anyValue());
        template.hasOutput("ProcessedBucketURL", Match.anyValue());
        template.hasOutput("CloudFrontDomain", Match.anyValue());
        assertEquals(metadata, template.findOutputs("MetadataTableOutput").size() == 1);
        assertEquals(api, template.findOutputs("ApiEndpoint").size() == 1);
        noRoleOfOursMayTouchEverything(template);
    }

    /**
     * No statement of the functions' roles names "*" as its resource, but Rekognition's image analysis, which has no
     * resource to name.
     */
    @SuppressWarnings("unchecked")
    static void noRoleOfOursMayTouchEverything(Template template) {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        for (var policy : policies.entrySet()) {
            if (!policy.getKey().matches("(Image|Variants|Api)HandlerRole.*")) {
                continue;
            }
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy.getValue()
                    .get("Properties")).get("PolicyDocument");
            for (Object statement : (List<Object>) document.get("Statement")) {
                Object actions = ((Map<String, Object>) statement).get("Action");
                if (actions instanceof List<?> list && list.stream().allMatch(a -> String.valueOf(a)
                        .matches("rekognition:Detect(Faces|ModerationLabels)"))) {
                    continue;
                }
                Object resource = ((Map<String, Object>) statement).get("Resource");
                assertFalse("*".equals(resource), policy.getKey() + " allows " + statement + " on everything");
                if (resource instanceof List<?> list) {
                    assertFalse(list.contains("*"), policy.getKey() + " allows " + statement + " on everything");
                }
            }
        }
    }

    @Test
    void theSourceBucketIsKeptEncryptedPrivateVersionedAndTlsOnly() {
        Template template = Template.fromStack(stack(Map.of()));
        template.hasResource("AWS::S3::Bucket", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "BucketEncryption", Match.objectLike(Map.of("ServerSideEncryptionConfiguration",
                                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true))))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void uploadsTriggerThePreGenerationFunction() {
        Template template = Template.fromStack(stack(Map.of()));
        template.hasResourceProperties("Custom::S3BucketNotifications", Match.objectLike(Map.of(
                "NotificationConfiguration", Map.of("LambdaFunctionConfigurations", List.of(Match.objectLike(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix",
                                "Value", "uploads/")))))))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.VariantsHandler::handleRequest",
                "DeadLetterConfig", Match.objectLike(Map.of("TargetArn", Match.anyValue())))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionName", Match.anyValue(), "FunctionVersion", Match.anyValue()));
    }

    @Test
    void cloudFrontServesTheImageFunctionThroughASignedFunctionUrlAndTheProcessedBucket() {
        Template template = Template.fromStack(stack(Map.of("AUTO_FORMAT", "true")));
        template.hasResourceProperties("AWS::Lambda::Url", Match.objectLike(Map.of("AuthType", "AWS_IAM",
                "Qualifier", "live")));
        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Match.objectLike(Map.of(
                "OriginAccessControlConfig", Match.objectLike(Map.of("OriginAccessControlOriginType", "lambda",
                        "SigningBehavior", "always")))));
        template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Match.objectLike(Map.of(
                "OriginAccessControlConfig", Match.objectLike(Map.of("OriginAccessControlOriginType", "s3")))));
        for (String action : List.of("lambda:InvokeFunctionUrl", "lambda:InvokeFunction")) {
            template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                    "Action", action, "Principal", "cloudfront.amazonaws.com", "SourceArn", Match.anyValue())));
        }
        template.hasResourceProperties("AWS::CloudFront::CachePolicy", Match.objectLike(Map.of(
                "CachePolicyConfig", Match.objectLike(Map.of("ParametersInCacheKeyAndForwardedToOrigin",
                        Match.objectLike(Map.of(
                                "QueryStringsConfig", Map.of("QueryStringBehavior", "all"),
                                "HeadersConfig", Map.of("HeaderBehavior", "whitelist", "Headers", List.of("Accept")),
                                "CookiesConfig", Map.of("CookieBehavior", "none"))))))));
        template.hasResourceProperties("AWS::CloudFront::Function", Match.objectLike(Map.of(
                "FunctionCode", Match.stringLikeRegexp("image/avif"))));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "CacheBehaviors", List.of(Match.objectLike(Map.of("PathPattern", "/processed/*",
                                "ViewerProtocolPolicy", "redirect-to-https"))),
                        "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https",
                                "FunctionAssociations", List.of(Match.objectLike(Map.of(
                                        "EventType", "viewer-request"))))),
                        "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/")))))));
        // Results over 6 MB: a private bucket whose objects expire.
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration",
                Map.of("Rules", List.of(Match.objectLike(Map.of("ExpirationInDays", 1, "Status", "Enabled")))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ImageHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("AUTO_FORMAT", "true",
                        "OUTPUT_BUCKET", Match.anyValue(), "SOURCE_BUCKETS", Match.anyValue()))))));
    }

    @Test
    void httpSourcesReachTheImageFunctionOnly() {
        Template template = Template.fromStack(stack(Map.of("HTTP_SOURCES", "images.example.com,*.cdn.example.org")));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ImageHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "HTTP_SOURCES", "images.example.com,*.cdn.example.org"))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.VariantsHandler::handleRequest",
                "Environment", Map.of("Variables", Match.not(Match.objectLike(Map.of(
                        "HTTP_SOURCES", Match.anyValue())))))));
    }

    @Test
    void rekognitionIsAllowedAndSwitchedOnOnlyWhenAskedFor() {
        Template with = Template.fromStack(stack(Map.of("REKOGNITION_ENABLED", "true")));
        with.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Action", List.of(
                        "rekognition:DetectFaces", "rekognition:DetectModerationLabels"), "Resource", "*")))))))));
        with.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ImageHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("REKOGNITION_ENABLED", "true"))))));
        String without = Template.fromStack(stack(Map.of())).toJSON().toString();
        assertFalse(without.contains("rekognition:"), "no Rekognition permission unless enabled");
    }

    @Test
    void withoutAutoFormatTheCacheIgnoresAccept() {
        Template template = Template.fromStack(stack(Map.of("AUTO_FORMAT", "false")));
        template.hasResourceProperties("AWS::CloudFront::CachePolicy", Match.objectLike(Map.of(
                "CachePolicyConfig", Match.objectLike(Map.of("ParametersInCacheKeyAndForwardedToOrigin",
                        Match.objectLike(Map.of("HeadersConfig", Map.of("HeaderBehavior", "none"))))))));
    }

    @Test
    void theApiTakesBinaryBodiesWithCorsAndAKey() {
        Template template = Template.fromStack(stack(Map.of("API_ENABLED", "true", "CORS_ENABLED", "true",
                "CORS_ORIGIN", "https://example.com", "API_KEY", "true", "METADATA_ENABLED", "true")));
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of(
                "BinaryMediaTypes", List.of("multipart/form-data", "image/*", "*/*"))));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("HttpMethod", "ANY",
                "ApiKeyRequired", true)));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("HttpMethod", "OPTIONS",
                "Integration", Match.objectLike(Map.of("IntegrationResponses", List.of(Match.objectLike(Map.of(
                        "ResponseParameters", Match.objectLike(Map.of(
                                "method.response.header.Access-Control-Allow-Origin", "'https://example.com'"))))))))));
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 1);
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of("StageName", "prod",
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ApiHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("CORS_ENABLED", "true",
                        "CORS_ORIGIN", "https://example.com", "PROCESSED_URL", Match.anyValue(),
                        "METADATA_TABLE", Match.anyValue()))))));
        // Browsers PUT large files straight to S3 through presigned URLs.
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("CorsConfiguration", Map.of(
                "CorsRules", List.of(Match.objectLike(Map.of("AllowedMethods", List.of("PUT"),
                        "AllowedOrigins", List.of("https://example.com"))))))));
        template.hasOutput("ApiEndpoint", Match.anyValue());
        template.hasOutput("ApiKeyId", Match.anyValue());
    }

    @Test
    void theMetadataTableIsOnDemandWithPointInTimeRecovery() {
        Template template = Template.fromStack(stack(on("METADATA_ENABLED")));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Match.objectLike(Map.of("PointInTimeRecoveryEnabled", true)))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"))))))))));
        template.hasOutput("MetadataTableOutput", Match.anyValue());
    }

    @Test
    void signingKeysLiveInSecretsManagerAndOnlyTheImageFunctionReadsThem() {
        Template template = Template.fromStack(stack(on("SIGNING_ENABLED")));
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "signingKeys")))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ImageHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("SECRETS_MANAGER", Match.anyValue(),
                        "SECRET_KEY", "signingKeys"))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "secretsmanager:GetSecretValue")))))))));
    }

    @Test
    void everyLogGroupKeepsTheConfiguredDays() {
        Template template = Template.fromStack(stack(Map.of("API_ENABLED", "true", "LOG_RETENTION_DAYS", "14")));
        template.resourcePropertiesCountIs("AWS::Logs::LogGroup", Map.of("RetentionInDays", 14), 4);
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "LoggingConfig", Match.objectLike(Map.of("LogGroup", Match.anyValue())))), 3);
    }

    /** Each function's own time budget ends before Lambda stops it, so that it can still answer. */
    @Test
    void everyFunctionKnowsItsTimeout() {
        Template template = Template.fromStack(stack(Map.of("API_ENABLED", "true", "TIMEOUT_SECONDS", "20")));
        for (String[] expected : new String[][] {{"ImageHandler", "18000"}, {"VariantsHandler", "118000"},
                {"ApiHandler", "27000"}}) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "dev.pictor.lambda." + expected[0] + "::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("REQUEST_TIMEOUT_MS", expected[1]))))));
        }
    }

    @Test
    void memoryTimeoutAndArchitectureComeFromTheOptions() {
        Template template = Template.fromStack(stack(Map.of("ARCHITECTURE", "arm64", "MEMORY_MB", "2048",
                "TIMEOUT_SECONDS", "20")));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.pictor.lambda.ImageHandler::handleRequest", "MemorySize", 2048, "Timeout", 20,
                "Architectures", List.of("arm64"))));
    }

    @Test
    void aMissingPackageSaysHowToBuildIt() {
        App app = new App();
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PictorStack(app, "Pictor", StackProps.builder().build(), StackOptions.from(Map.of(),
                        Map.of()), Path.of("no/such.zip")));
        assertTrue(error.getMessage().contains("build it first"), error.getMessage());
    }
}
