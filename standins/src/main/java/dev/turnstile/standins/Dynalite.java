package dev.turnstile.standins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB for tests and the local runtime: dynalite (Apache-2.0, DynamoDB's API on an in-memory
 * LevelDB) run by Node on a random loopback port. The AWS SDK talks to it over HTTP exactly as to
 * DynamoDB. dynalite has no TransactWriteItems and no ReturnValuesOnConditionCheckFailure; code that
 * runs against it uses neither (docs/check-in.md says how the check-in path does without).
 */
public final class Dynalite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dynalite.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private final Path output;

    private Dynalite(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts a fresh, empty dynalite; blocks until it accepts connections. */
    public static Dynalite start() {
        Path cli = nodeDir().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli + ": build the standins module (npm ci)");
        }
        int port = freePort();
        try {
            Path output = Files.createTempFile("dynalite-", ".log");
            output.toFile().deleteOnExit();
            Process process = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            Dynalite dynalite = new Dynalite(process, port, output);
            dynalite.awaitListening();
            log.info("dynalite (DynamoDB stand-in) listening at {}", dynalite.endpoint());
            return dynalite;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start dynalite with node (Node >= 20 must be on PATH)", e);
        }
    }

    /** The endpoint to give the SDK client's {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited at start with code " + process.exitValue() + ": " + said());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting dynalite", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private String said() {
        try {
            return Files.readString(output).strip();
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path nodeDir() {
        Properties properties = new Properties();
        try (InputStream in = Dynalite.class.getResourceAsStream("stand-ins.properties")) {
            if (in == null) {
                throw new IllegalStateException("stand-ins.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(properties.getProperty("node.dir"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
