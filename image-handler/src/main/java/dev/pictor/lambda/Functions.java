package dev.pictor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.pictor.config.Config;
import dev.pictor.telemetry.Logs;
import dev.pictor.telemetry.Trace;
import dev.pictor.wiring.Services;
import java.util.function.Supplier;

/** What every function does alike: read its configuration and set up its logs once, and trace each invocation. */
final class Functions {

    private Functions() {
    }

    /** The configuration from the environment; logs are JSON lines from here on (CloudWatch keeps each as one event). */
    static Config config() {
        Config config = Config.fromEnvironment(System.getenv());
        Logs.configure(config.logLevel(), false);
        return config;
    }

    /** A function's parts, with its engine primed before a SnapStart snapshot is taken of them. */
    static Services.Parts parts() {
        Services.Parts parts = Services.parts(config());
        Priming.register(parts.renderer().engine());
        return parts;
    }

    /**
     * A part built when the runtime first creates a handler (the init phase), once per execution environment, so
     * that SnapStart snapshots it ready; a bad setting fails the init with its own message, which the runtime reports
     * (a static holder's would be hidden in an ExceptionInInitializerError).
     */
    static final class Shared<T> {
        private final Supplier<T> build;
        private T value;

        Shared(Supplier<T> build) {
            this.build = build;
        }

        synchronized T get() {
            if (value == null) {
                value = build.get();
            }
            return value;
        }
    }

    /** The invocation as a trace under Lambda's request id, which its log lines and X-Request-Id then carry. */
    static Trace trace(Context context) {
        return context == null || context.getAwsRequestId() == null ? Trace.fresh()
                : new Trace(context.getAwsRequestId());
    }
}
