package dev.pictor.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * dynalite, a DynamoDB-compatible engine (npm, fetched by tools/fetch-dynalite.sh), started on 127.0.0.1 for one test
 * class. Without it (no npm) the tests that need it are skipped, unless PICTOR_REQUIRE_DYNALITE=1 (CI).
 */
public final class Dynalite implements AutoCloseable {

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Dynalite start() throws IOException, InterruptedException {
        Path cli = Path.of(System.getProperty("user.dir")).resolve("../tools/dynalite/node_modules/dynalite/cli.js")
                .normalize();
        if (!Files.exists(cli)) {
            if ("1".equals(System.getenv("PICTOR_REQUIRE_DYNALITE"))) {
                fail("dynalite is missing at " + cli + " (tools/fetch-dynalite.sh)");
            }
            assumeTrue(false, "dynalite is not fetched (needs npm): DynamoDB tests skipped");
        }
        // The SDK's default credentials chain reads these; dynalite accepts any.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Tables are ACTIVE at once: the SDK's waiter would otherwise sleep for seconds.
        Process process = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new Dynalite(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    fail("dynalite exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("dynalite did not start listening on " + port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
