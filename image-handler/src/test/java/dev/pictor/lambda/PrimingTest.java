package dev.pictor.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pictor.engine.java2d.Java2dEngine;
import dev.pictor.testing.CountingEngine;
import dev.pictor.wiring.Services;
import dev.pictor.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart's hook, invoked as the runtime invokes it before a snapshot: every priming request renders. */
class PrimingTest {

    @Test
    void theHookRendersEveryPrimingRequest() {
        CountingEngine engine = new CountingEngine(new Java2dEngine());
        Priming priming = new Priming(engine);
        // Registered on every cold start, SnapStart or not: only the snapshot's hook may pay for the renders.
        assertEquals(0, engine.renders(), "priming rendered before any checkpoint");

        priming.beforeCheckpoint(null);

        // The requests, and the WebP source the hook makes first.
        assertEquals(Priming.REQUESTS.size() + 1, engine.renders());
        assertEquals(Priming.REQUESTS.size(), priming.prime(), "primed again after a restore, it still answers");
    }

    @Test
    void withTheNativeEngineToo() {
        Priming priming = new Priming(Services.engine(Config.fromEnvironment(Map.of())));
        assertEquals(Priming.REQUESTS.size(), priming.prime());
        priming.afterRestore(null);
    }
}
