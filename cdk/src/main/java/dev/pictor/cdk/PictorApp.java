package dev.pictor.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} and {@code cdk deploy} run it from {@code cdk/} (see cdk.json). Options come from
 * {@code config.env} at the repository's root (or the file PICTOR_CONFIG names) and from {@code -c KEY=value}.
 * cdk-nag's AwsSolutions checks run on every synthesis; a finding not suppressed with a reason fails it.
 */
public final class PictorApp {

    private PictorApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path file = Path.of(System.getenv().getOrDefault("PICTOR_CONFIG", repository.resolve("config.env").toString()));
        Map<String, String> context = new LinkedHashMap<>();
        for (String key : StackOptions.KEYS.keySet()) {
            Object value = app.getNode().tryGetContext(key);
            if (value != null) {
                context.put(key, value.toString());
            }
        }
        StackOptions options = StackOptions.from(StackOptions.readFile(file), context);
        new PictorStack(app, options.stackName(), StackProps.builder()
                .description("Pictor: on-demand and pre-generated images behind CloudFront")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build(), options, options.zip(repository));
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }
}
