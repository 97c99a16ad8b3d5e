package dev.pictor.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Pictor on AWS: the source bucket (kept on destroy), the processed bucket served through CloudFront, the image
 * function behind CloudFront through a function URL with origin access control, the S3-triggered pre-generation
 * function, and optionally the REST API, the metadata table and the signing secret. Every function runs java25 with
 * SnapStart on a published version behind the alias {@code live}, and may touch only what it needs.
 */
public final class PictorStack extends Stack {

    /** The field of the signing secret's JSON that holds the keys, as the image handler's SECRET_KEY names it. */
    static final String SECRET_FIELD = "signingKeys";
    static final String ALIAS = "live";

    private final StackOptions options;
    private final Code code;
    private final Suppressions nag;

    public PictorStack(Construct scope, String id, StackProps props, StackOptions options, Path zip) {
        super(scope, id, props);
        this.options = options;
        this.nag = new Suppressions(this);
        if (!zip.toFile().isFile()) {
            throw new IllegalArgumentException("the Lambda package " + zip + " is missing: build it first (./test, "
                    + "or mvn -pl lambda-zip -am package with JDK 25)");
        }
        this.code = Code.fromAsset(zip.toString());

        Bucket logs = Bucket.Builder.create(this, "LogsBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                // CloudFront's standard logs are delivered with an ACL.
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        nag.logsBucket(logs);

        Bucket source = Bucket.Builder.create(this, "SourceBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("s3/source/")
                .cors(options.corsEnabled() && options.apiEnabled() ? List.of(CorsRule.builder()
                        .allowedMethods(List.of(HttpMethods.PUT))
                        .allowedOrigins(List.of(options.corsOrigin()))
                        .allowedHeaders(List.of("Content-Type", "If-None-Match"))
                        .maxAge(3600)
                        .build()) : null)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Bucket processed = privateBucket("ProcessedBucket", logs, "s3/processed/", List.of());
        // Results over Lambda's 6 MB are handed out by presigned URLs valid for 6 hours: a day is plenty.
        Bucket results = privateBucket("ResultsBucket", logs, "s3/results/",
                List.of(LifecycleRule.builder().expiration(Duration.days(1)).build()));

        Table table = options.metadataEnabled() ? Table.Builder.create(this, "MetadataTable")
                .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build() : null;

        Secret secret = options.signingEnabled() ? Secret.Builder.create(this, "SigningKeys")
                .description("Pictor URL signing keys: a comma list in the field " + SECRET_FIELD)
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{}")
                        .generateStringKey(SECRET_FIELD)
                        .excludePunctuation(true)
                        .passwordLength(40)
                        .build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build() : null;
        if (secret != null) {
            nag.secret(secret);
        }

        Map<String, String> common = new HashMap<>();
        common.put("SOURCE_BUCKETS", source.getBucketName());
        common.put("PROCESSED_BUCKET", processed.getBucketName());
        common.put("JAVA_TOOL_OPTIONS", "--enable-native-access=ALL-UNNAMED");
        options.variants().ifPresent(v -> common.put("VARIANTS", v));
        if (table != null) {
            common.put("METADATA_TABLE", table.getTableName());
        }

        // The image function: on-demand transformations behind CloudFront.
        Map<String, String> imageEnv = new HashMap<>(common);
        imageEnv.put("OUTPUT_BUCKET", results.getBucketName());
        imageEnv.put("AUTO_FORMAT", Boolean.toString(options.autoFormat()));
        options.httpSources().ifPresent(hosts -> imageEnv.put("HTTP_SOURCES", hosts));
        if (options.corsEnabled()) {
            imageEnv.put("CORS_ENABLED", "true");
            imageEnv.put("CORS_ORIGIN", options.corsOrigin());
        }
        if (secret != null) {
            imageEnv.put("SECRETS_MANAGER", secret.getSecretArn());
            imageEnv.put("SECRET_KEY", SECRET_FIELD);
        }
        Role imageRole = role("ImageHandler");
        allow(imageRole, List.of("s3:GetObject"), source.arnForObjects("*"), processed.arnForObjects("*"));
        allow(imageRole, List.of("s3:GetObject", "s3:PutObject"), results.arnForObjects("*"));
        // Without ListBucket, S3 answers a missing result 403 instead of 404.
        allow(imageRole, List.of("s3:ListBucket"), results.getBucketArn());
        if (table != null) {
            allow(imageRole, List.of("dynamodb:UpdateItem"), table.getTableArn());
        }
        if (secret != null) {
            allow(imageRole, List.of("secretsmanager:GetSecretValue"), secret.getSecretArn());
        }
        if (options.rekognitionEnabled()) {
            imageEnv.put("REKOGNITION_ENABLED", "true");
            allow(imageRole, List.of("rekognition:DetectFaces", "rekognition:DetectModerationLabels"), "*");
            nag.rekognition(imageRole);
        }
        Alias image = function("ImageHandler", "dev.pictor.lambda.ImageHandler::handleRequest",
                "Pictor: images transformed on request", options.memoryMb(), options.timeoutSeconds(), imageRole,
                imageEnv);

        // The pre-generation function: every upload's variants, from the source bucket's notification.
        Role variantsRole = role("VariantsHandler");
        allow(variantsRole, List.of("s3:GetObject"), source.arnForObjects("uploads/*"));
        allow(variantsRole, List.of("s3:GetObject", "s3:PutObject"), processed.arnForObjects("processed/*"));
        allow(variantsRole, List.of("s3:ListBucket"), source.getBucketArn(), processed.getBucketArn());
        if (table != null) {
            allow(variantsRole, List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), table.getTableArn());
        }
        Queue deadLetters = Queue.Builder.create(this, "VariantsDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        nag.deadLetterQueue(deadLetters);
        deadLetters.grantSendMessages(variantsRole);
        Alias variants = function("VariantsHandler", "dev.pictor.lambda.VariantsHandler::handleRequest",
                "Pictor: variants of every upload", options.memoryMb(), Math.max(options.timeoutSeconds(), 120),
                variantsRole, common, deadLetters);
        source.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(variants),
                NotificationKeyFilter.builder().prefix("uploads/").build());

        Distribution distribution = distribution(image, processed, logs);
        String domain = distribution.getDistributionDomainName();

        Map<String, Alias> functions = new java.util.LinkedHashMap<>();
        functions.put("image", image);
        functions.put("variants", variants);
        if (options.apiEnabled()) {
            functions.put("api", api(source, processed, table, common, domain));
        }
        new Monitoring(this, "Monitoring", options.stackName(), functions, deadLetters);
        output("DashboardURL", "https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion()
                + "#dashboards:name=" + options.stackName() + "-dashboard", "Pictor's metrics (docs/operations.md)");

        nag.frameworkRoles();
        output("SourceBucketOutput", source.getBucketName(), "Upload originals here, under uploads/");
        output("ProcessedBucketOutput", processed.getBucketName(), "The variants, under processed/");
        output("ProcessedBucketURL", "https://" + domain + "/processed/", "The variants through CloudFront");
        output("CloudFrontDomain", domain, "Image URLs: https://<this>/<Thumbor path, SIH request or key?query>");
        if (table != null) {
            output("MetadataTableOutput", table.getTableName(), "Image metadata");
        }
        if (secret != null) {
            output("SigningSecretArn", secret.getSecretArn(), "The signing keys (field " + SECRET_FIELD + ")");
        }
    }

    private Bucket privateBucket(String id, Bucket logs, String logPrefix, List<LifecycleRule> lifecycle) {
        return Bucket.Builder.create(this, id)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix(logPrefix)
                .lifecycleRules(lifecycle)
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
    }

    private Role role(String function) {
        return Role.Builder.create(this, function + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Pictor " + function + ": only what it reads and writes")
                .build();
    }

    private static void allow(Role role, List<String> actions, String... resources) {
        role.addToPolicy(PolicyStatement.Builder.create().actions(actions).resources(List.of(resources)).build());
    }

    private Alias function(String id, String handler, String description, int memory, int timeout, Role role,
                           Map<String, String> environment) {
        return function(id, handler, description, memory, timeout, role, environment, null);
    }

    /**
     * A java25 function from the package of the chosen architecture, its log group with the configured retention,
     * SnapStart on published versions (which also keeps Lambda's full tiered compilation), and the alias that
     * everything invokes.
     */
    private Alias function(String id, String handler, String description, int memory, int timeout, Role role,
                           Map<String, String> environment, Queue deadLetters) {
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .retention(options.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);
        Map<String, String> env = new HashMap<>(environment);
        // The function's own time budget ends a little before Lambda stops it, so that it can still answer.
        env.put("REQUEST_TIMEOUT_MS", Integer.toString(Math.max(1, timeout - 2) * 1000));
        Function.Builder builder = Function.Builder.create(this, id)
                .runtime(Runtime.JAVA_25)
                .architecture(options.architecture().equals("arm64") ? Architecture.ARM_64 : Architecture.X86_64)
                .code(code)
                .handler(handler)
                .description(description)
                .memorySize(memory)
                .timeout(Duration.seconds(timeout))
                .role(role)
                .logGroup(logs)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(env);
        if (deadLetters != null) {
            builder.deadLetterQueue(deadLetters);
        }
        Function function = builder.build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published: every caller invokes the alias on currentVersion.");
        nag.functionRole(role);
        return Alias.Builder.create(this, id + "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
    }

    /**
     * CloudFront in front of the image function (function URL, signed by origin access control) and of the processed
     * bucket ({@code /processed/*}). The cache key is the path and the whole query, and with AUTO_FORMAT an Accept
     * header that a CloudFront Function reduces to the formats that matter, so browsers share one cached copy per
     * format instead of one per Accept string.
     */
    private Distribution distribution(Alias image, Bucket processed, Bucket logs) {
        FunctionUrl url = image.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.AWS_IAM)
                .build());
        CachePolicy imagePolicy = CachePolicy.Builder.create(this, "ImageCachePolicy")
                .comment("Pictor images: the path and the whole query" + (options.autoFormat()
                        ? ", and the normalised Accept" : ""))
                .queryStringBehavior(CacheQueryStringBehavior.all())
                .headerBehavior(options.autoFormat() ? CacheHeaderBehavior.allowList("Accept")
                        : CacheHeaderBehavior.none())
                .cookieBehavior(CacheCookieBehavior.none())
                .minTtl(Duration.seconds(0))
                .defaultTtl(Duration.days(1))
                .maxTtl(Duration.days(365))
                .build();
        List<FunctionAssociation> viewer = new ArrayList<>();
        if (options.autoFormat()) {
            viewer.add(FunctionAssociation.builder()
                    .function(software.amazon.awscdk.services.cloudfront.Function.Builder.create(this, "NormaliseAccept")
                            .comment("Reduces Accept to the image formats Pictor chooses between")
                            .runtime(FunctionRuntime.JS_2_0)
                            .code(FunctionCode.fromInline(ACCEPT_FUNCTION))
                            .build())
                    .eventType(FunctionEventType.VIEWER_REQUEST)
                    .build());
        }
        Distribution distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Pictor images")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(FunctionUrlOrigin.withOriginAccessControl(url))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD_OPTIONS)
                        .cachedMethods(CachedMethods.CACHE_GET_HEAD_OPTIONS)
                        .cachePolicy(imagePolicy)
                        .functionAssociations(viewer)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .build())
                .additionalBehaviors(Map.of("/processed/*", BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(processed))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .build()))
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .build();
        nag.distribution(distribution);
        // Function URLs with IAM auth check lambda:InvokeFunction as well as lambda:InvokeFunctionUrl (which the
        // origin adds) for URLs created since late 2025: grant both, to this distribution only.
        image.addPermission("CloudFrontInvokeFunction", Permission.builder()
                .principal(new ServicePrincipal("cloudfront.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceArn(distribution.getDistributionArn())
                .build());
        return distribution;
    }

    /** The optional REST API (/transform, /upload, /upload-url, /info/{id}) behind API Gateway. */
    private Alias api(Bucket source, Bucket processed, Table table, Map<String, String> common, String domain) {
        Map<String, String> env = new HashMap<>(common);
        env.put("PROCESSED_URL", "https://" + domain);
        if (options.corsEnabled()) {
            env.put("CORS_ENABLED", "true");
            env.put("CORS_ORIGIN", options.corsOrigin());
        }
        Role role = role("ApiHandler");
        allow(role, List.of("s3:GetObject", "s3:PutObject"), source.arnForObjects("uploads/*"));
        allow(role, List.of("s3:GetObject", "s3:PutObject"), processed.arnForObjects("processed/*"));
        allow(role, List.of("s3:ListBucket"), source.getBucketArn(), processed.getBucketArn());
        if (table != null) {
            allow(role, List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), table.getTableArn());
        }
        // API Gateway stops waiting at 29 s.
        Alias handler = function("ApiHandler", "dev.pictor.lambda.ApiHandler::handleRequest",
                "Pictor: the REST API", options.memoryMb(), 29, role, env);
        LogGroup access = LogGroup.Builder.create(this, "ApiAccessLogs")
                .retention(options.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LambdaRestApi.Builder builder = LambdaRestApi.Builder.create(this, "Api")
                .restApiName(options.stackName() + "-api")
                .description("Pictor REST API: /transform, /upload, /upload-url, /info/{id}")
                .handler(handler)
                .proxy(true)
                // API Gateway answers in binary when the request's first Accept type is one of these: browsers and
                // curl send */*, so that must be one (JSON answers say they are text and pass unchanged).
                .binaryMediaTypes(List.of("multipart/form-data", "image/*", "*/*"))
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.DESTROY)
                .deployOptions(StageOptions.builder()
                        .stageName("prod")
                        .accessLogDestination(new LogGroupLogDestination(access))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .throttlingRateLimit(50)
                        .throttlingBurstLimit(100)
                        .build());
        if (options.corsEnabled()) {
            builder.defaultCorsPreflightOptions(CorsOptions.builder()
                    .allowOrigins(List.of(options.corsOrigin()))
                    .allowMethods(List.of("GET", "POST", "PUT", "OPTIONS"))
                    .allowHeaders(List.of("Content-Type", "X-Api-Key"))
                    .build());
        }
        if (options.apiKey()) {
            builder.defaultMethodOptions(MethodOptions.builder().apiKeyRequired(true).build());
        }
        LambdaRestApi api = builder.build();
        nag.api(api, options.apiKey());
        if (options.apiKey()) {
            IApiKey key = api.addApiKey("ApiKey", software.amazon.awscdk.services.apigateway.ApiKeyOptions.builder()
                    .description("Pictor REST API key").build());
            UsagePlan plan = api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                    .name(options.stackName() + "-usage")
                    .throttle(ThrottleSettings.builder().rateLimit(20).burstLimit(40).build())
                    .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage())
                            .build()))
                    .build());
            plan.addApiKey(key);
            output("ApiKeyId", key.getKeyId(), "aws apigateway get-api-key --include-value --api-key <this>");
        }
        output("ApiEndpoint", api.getUrl(), "The REST API (docs/api.yaml)");
        return handler;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * The viewer-request function of AUTO_FORMAT: Accept reduced to the formats the image function chooses between
     * (AVIF, WebP), in a fixed order, so that the cache holds one copy per format rather than one per browser.
     */
    static final String ACCEPT_FUNCTION = """
            function handler(event) {
              var request = event.request;
              var accept = request.headers['accept'] ? request.headers['accept'].value : '';
              var formats = [];
              if (accept.indexOf('image/avif') !== -1) { formats.push('image/avif'); }
              if (accept.indexOf('image/webp') !== -1) { formats.push('image/webp'); }
              if (formats.length > 0) {
                request.headers['accept'] = { value: formats.join(',') };
              } else {
                delete request.headers['accept'];
              }
              return request;
            }
            """;
}
