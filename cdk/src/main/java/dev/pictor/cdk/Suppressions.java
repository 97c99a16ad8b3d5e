package dev.pictor.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, each on the resource it concerns and with the reason it is
 * accepted. A finding not listed here fails synthesis.
 */
final class Suppressions {

    private final Stack stack;

    Suppressions(Stack stack) {
        this.stack = stack;
    }

    private static NagPackSuppression because(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of((Object[]) appliesTo));
        }
        return builder.build();
    }

    void logsBucket(Bucket logs) {
        NagSuppressions.addResourceSuppressions(logs, List.of(because("AwsSolutions-S1",
                "This is the access-log bucket of the other buckets and of CloudFront; logging it into itself "
                        + "would loop.")));
    }

    void secret(Secret secret) {
        NagSuppressions.addResourceSuppressions(secret, List.of(because("AwsSolutions-SMG4",
                "Signing keys rotate by adding a key to the comma list and removing the old one once its URLs are "
                        + "gone (docs/deploy.md); an automatic rotation would invalidate every published URL.")));
    }

    void deadLetterQueue(Queue queue) {
        NagSuppressions.addResourceSuppressions(queue, List.of(because("AwsSolutions-SQS3",
                "This queue is the dead-letter queue of the pre-generation function.")));
    }

    /**
     * Object-level permissions name the bucket and, where the function only touches one folder, the prefix
     * ({@code uploads/*}, {@code processed/*}); the keys below are the users' and cannot be listed ahead.
     */
    void functionRole(Role role) {
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Objects of one named bucket (under one prefix where the function keeps to it): the keys "
                        + "are the users' and cannot be listed ahead.")
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^Resource::<(Source|Processed|Results)Bucket[A-Z0-9]+\\.Arn>\\/(uploads\\/|processed\\/)?\\*$/")
                        .build()))
                .build()), true);
    }

    /** Rekognition's image operations act on the bytes sent and have no resource a policy could name. */
    void rekognition(Role role) {
        NagSuppressions.addResourceSuppressions(role, List.of(because("AwsSolutions-IAM5",
                "rekognition:DetectFaces and rekognition:DetectModerationLabels support no resource-level "
                        + "permission: they analyse the image bytes in the request.", "Resource::*")), true);
    }

    /** What CDK itself adds: the handler that configures the bucket notification, and API Gateway's logging role. */
    void frameworkRoles() {
        NagSuppressions.addStackSuppressions(stack, List.of(because("AwsSolutions-IAM4",
                "AWS managed policies of roles CDK and API Gateway define for themselves: the bucket-notification "
                        + "handler's AWSLambdaBasicExecutionRole, and API Gateway's account-level "
                        + "AmazonAPIGatewayPushToCloudWatchLogs, which its execution logging requires.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")));
    }

    void distribution(Distribution distribution) {
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                because("AwsSolutions-CFR1", "Images are public content; a geo restriction is a choice for the "
                        + "deployer, not a default."),
                because("AwsSolutions-CFR2", "A WAF web ACL costs a fixed monthly fee; the image function has "
                        + "its own limits (source and output pixels, a pixel budget, a time budget). docs/deploy.md "
                        + "says how to attach one."),
                because("AwsSolutions-CFR4", "The distribution uses CloudFront's default certificate, whose TLS "
                        + "policy CloudFront sets; a custom domain brings its own certificate and policy.")));
    }

    void api(LambdaRestApi api, boolean apiKey) {
        NagSuppressions.addResourceSuppressions(api, List.of(
                because("AwsSolutions-APIG2", "A proxy integration: the function validates every request and "
                        + "answers 400/413/415 with a JSON body (docs/api.yaml)."),
                because("AwsSolutions-APIG3", "A WAF web ACL costs a fixed monthly fee; the stage is throttled "
                        + "and uploads are bounded by MAX_SOURCE_BYTES. docs/deploy.md says how to attach one."),
                because("AwsSolutions-APIG4", apiKey ? "Requests need an API key (usage plan, throttled); "
                        + "user authentication belongs to the application that calls the API."
                        : "Deployed without an API key on request (API_KEY=false): the API is public by choice."),
                because("AwsSolutions-COG4", "No Cognito user pool: the API authenticates callers by API key, "
                        + "and users belong to the application that calls it.")), true);
    }
}
